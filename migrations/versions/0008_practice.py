"""practice: review sessions and the lessons learnt in them (community of practice)

Revision ID: 0008
Revises: 0006
Create Date: 2026-11-23 16:33:44.550932

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('practice_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('starts', sa.Time(), nullable=True),
    sa.Column('place', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_practice_sessions_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_sessions'))
    )
    with op.batch_alter_table('practice_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_sessions_held_on'), ['held_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_sessions_lab_id'), ['lab_id'], unique=False)

    op.create_table('practice_lessons',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('stage', sa.String(length=40), nullable=True),
    sa.Column('prototype_id', sa.Integer(), nullable=True),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['memberships.id'], name=op.f('fk_practice_lessons_author_id_memberships'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_practice_lessons_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototypes.id'], name=op.f('fk_practice_lessons_prototype_id_prototypes'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['practice_sessions.id'], name=op.f('fk_practice_lessons_session_id_practice_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_lessons'))
    )
    with op.batch_alter_table('practice_lessons', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_lessons_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_lessons_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_lessons_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_lessons_prototype_id'), ['prototype_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_lessons_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('practice_lessons', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_lessons_session_id'))
        batch_op.drop_index(batch_op.f('ix_practice_lessons_prototype_id'))
        batch_op.drop_index(batch_op.f('ix_practice_lessons_lab_id'))
        batch_op.drop_index(batch_op.f('ix_practice_lessons_kind'))
        batch_op.drop_index(batch_op.f('ix_practice_lessons_author_id'))

    op.drop_table('practice_lessons')
    with op.batch_alter_table('practice_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_sessions_lab_id'))
        batch_op.drop_index(batch_op.f('ix_practice_sessions_held_on'))

    op.drop_table('practice_sessions')
