"""programmes: labs grouped to compare them side by side

Revision ID: 0009
Revises: 0006
Create Date: 2026-11-23 16:50:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('programmes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_programmes_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programmes'))
    )
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programmes_created_by_id'), ['created_by_id'], unique=False)

    op.create_table('programme_labs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_programme_labs_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_labs_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_labs')),
    sa.UniqueConstraint('programme_id', 'lab_id', name=op.f('uq_programme_labs_programme_id_lab_id'))
    )
    with op.batch_alter_table('programme_labs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_programme_labs_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_programme_labs_programme_id'), ['programme_id'], unique=False)


def downgrade():
    with op.batch_alter_table('programme_labs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programme_labs_programme_id'))
        batch_op.drop_index(batch_op.f('ix_programme_labs_lab_id'))
    op.drop_table('programme_labs')
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_programmes_created_by_id'))
    op.drop_table('programmes')
