"""prototypes: teams, weekly PDSA cycles, measures with values, community posts and replies

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 13:31:04.063072

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('prototypes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('propositions', sa.JSON(), nullable=False),
    sa.Column('aim', sa.Text(), nullable=False),
    sa.Column('hypothesis', sa.Text(), nullable=False),
    sa.Column('who_for', sa.Text(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=True),
    sa.Column('cycle_weeks', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_prototypes_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prototypes'))
    )
    with op.batch_alter_table('prototypes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prototypes_lab_id'), ['lab_id'], unique=False)

    op.create_table('pdsa_cycles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prototype_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('plan_objective', sa.Text(), nullable=False),
    sa.Column('plan_predictions', sa.Text(), nullable=False),
    sa.Column('plan_who_where_when', sa.Text(), nullable=False),
    sa.Column('plan_data', sa.Text(), nullable=False),
    sa.Column('do_what_happened', sa.Text(), nullable=False),
    sa.Column('do_unexpected', sa.Text(), nullable=False),
    sa.Column('study_against_predictions', sa.Text(), nullable=False),
    sa.Column('study_learned', sa.Text(), nullable=False),
    sa.Column('act_decision', sa.String(length=20), nullable=False),
    sa.Column('act_next', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['previous_id'], ['pdsa_cycles.id'], name=op.f('fk_pdsa_cycles_previous_id_pdsa_cycles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototypes.id'], name=op.f('fk_pdsa_cycles_prototype_id_prototypes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_pdsa_cycles_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pdsa_cycles')),
    sa.UniqueConstraint('prototype_id', 'number', name=op.f('uq_pdsa_cycles_prototype_id_number'))
    )
    with op.batch_alter_table('pdsa_cycles', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pdsa_cycles_prototype_id'), ['prototype_id'], unique=False)

    op.create_table('prototype_measures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prototype_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('direction', sa.String(length=4), nullable=False),
    sa.Column('goal', sa.Double(), nullable=True),
    sa.Column('baseline_points', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototypes.id'], name=op.f('fk_prototype_measures_prototype_id_prototypes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prototype_measures'))
    )
    with op.batch_alter_table('prototype_measures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prototype_measures_prototype_id'), ['prototype_id'], unique=False)

    op.create_table('prototype_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('prototype_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_prototype_members_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototypes.id'], name=op.f('fk_prototype_members_prototype_id_prototypes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prototype_members')),
    sa.UniqueConstraint('prototype_id', 'membership_id', name=op.f('uq_prototype_members_prototype_id_membership_id'))
    )
    with op.batch_alter_table('prototype_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prototype_members_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_prototype_members_prototype_id'), ['prototype_id'], unique=False)

    op.create_table('prototype_measure_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('measure_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('value', sa.Double(), nullable=True),
    sa.Column('numerator', sa.Double(), nullable=True),
    sa.Column('denominator', sa.Double(), nullable=True),
    sa.Column('excluded', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['measure_id'], ['prototype_measures.id'], name=op.f('fk_prototype_measure_values_measure_id_prototype_measures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prototype_measure_values')),
    sa.UniqueConstraint('measure_id', 'period', name=op.f('uq_prototype_measure_values_measure_id_period'))
    )
    with op.batch_alter_table('prototype_measure_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prototype_measure_values_measure_id'), ['measure_id'], unique=False)

    op.create_table('prototype_posts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('prototype_id', sa.Integer(), nullable=True),
    sa.Column('cycle_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['memberships.id'], name=op.f('fk_prototype_posts_author_id_memberships'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['cycle_id'], ['pdsa_cycles.id'], name=op.f('fk_prototype_posts_cycle_id_pdsa_cycles'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_prototype_posts_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototypes.id'], name=op.f('fk_prototype_posts_prototype_id_prototypes'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prototype_posts'))
    )
    with op.batch_alter_table('prototype_posts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prototype_posts_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_prototype_posts_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_prototype_posts_prototype_id'), ['prototype_id'], unique=False)

    op.create_table('prototype_replies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('post_id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['memberships.id'], name=op.f('fk_prototype_replies_author_id_memberships'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['post_id'], ['prototype_posts.id'], name=op.f('fk_prototype_replies_post_id_prototype_posts'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_prototype_replies'))
    )
    with op.batch_alter_table('prototype_replies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_prototype_replies_post_id'), ['post_id'], unique=False)



def downgrade():
    with op.batch_alter_table('prototype_replies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prototype_replies_post_id'))

    op.drop_table('prototype_replies')
    with op.batch_alter_table('prototype_posts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prototype_posts_prototype_id'))
        batch_op.drop_index(batch_op.f('ix_prototype_posts_lab_id'))
        batch_op.drop_index(batch_op.f('ix_prototype_posts_created_at'))

    op.drop_table('prototype_posts')
    with op.batch_alter_table('prototype_measure_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prototype_measure_values_measure_id'))

    op.drop_table('prototype_measure_values')
    with op.batch_alter_table('prototype_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prototype_members_prototype_id'))
        batch_op.drop_index(batch_op.f('ix_prototype_members_membership_id'))

    op.drop_table('prototype_members')
    with op.batch_alter_table('prototype_measures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prototype_measures_prototype_id'))

    op.drop_table('prototype_measures')
    with op.batch_alter_table('pdsa_cycles', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pdsa_cycles_prototype_id'))

    op.drop_table('pdsa_cycles')
    with op.batch_alter_table('prototypes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_prototypes_lab_id'))

    op.drop_table('prototypes')
