"""drawn_charts: run charts and factor charts drawn once and stored, shared by every process

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 15:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('drawn_charts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('svg', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_drawn_charts'))
    )
    with op.batch_alter_table('drawn_charts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_drawn_charts_created_at'), ['created_at'], unique=False)


def downgrade():
    with op.batch_alter_table('drawn_charts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_drawn_charts_created_at'))

    op.drop_table('drawn_charts')
