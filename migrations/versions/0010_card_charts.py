"""card_charts: card charts drawn once and stored, shared by every process

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23 17:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('card_charts',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('svg', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_charts_card_id_cards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_card_charts'))
    )
    with op.batch_alter_table('card_charts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_charts_card_id'), ['card_id'], unique=False)


def downgrade():
    with op.batch_alter_table('card_charts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_charts_card_id'))

    op.drop_table('card_charts')
