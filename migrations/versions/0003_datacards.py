"""data-card decks, translations, review comments, pick sessions and themes

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 13:29:43.252596

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    
    op.create_table('decks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_decks_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decks'))
    )
    with op.batch_alter_table('decks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decks_lab_id'), ['lab_id'], unique=False)

    op.create_table('deck_categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deck_id', sa.Integer(), nullable=False),
    sa.Column('letter', sa.String(length=4), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['deck_id'], ['decks.id'], name=op.f('fk_deck_categories_deck_id_decks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deck_categories')),
    sa.UniqueConstraint('deck_id', 'letter', name=op.f('uq_deck_categories_deck_id_letter'))
    )
    with op.batch_alter_table('deck_categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deck_categories_deck_id'), ['deck_id'], unique=False)

    op.create_table('pick_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('deck_id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('pick_limit', sa.Integer(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['deck_id'], ['decks.id'], name=op.f('fk_pick_sessions_deck_id_decks'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_pick_sessions_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_pick_sessions_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pick_sessions')),
    sa.UniqueConstraint('code', name=op.f('uq_pick_sessions_code'))
    )
    with op.batch_alter_table('pick_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pick_sessions_deck_id'), ['deck_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pick_sessions_lab_id'), ['lab_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pick_sessions_workshop_id'), ['workshop_id'], unique=False)

    op.create_table('cards',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deck_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('headline', sa.String(length=240), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('year', sa.String(length=20), nullable=False),
    sa.Column('geography', sa.String(length=120), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('chart_kind', sa.String(length=10), nullable=False),
    sa.Column('chart_unit', sa.String(length=40), nullable=False),
    sa.Column('chart_rows', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['deck_categories.id'], name=op.f('fk_cards_category_id_deck_categories'), ondelete='NO ACTION'),
    sa.ForeignKeyConstraint(['deck_id'], ['decks.id'], name=op.f('fk_cards_deck_id_decks'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cards')),
    sa.UniqueConstraint('deck_id', 'code', name=op.f('uq_cards_deck_id_code'))
    )
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cards_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cards_deck_id'), ['deck_id'], unique=False)

    op.create_table('pick_counts',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('picked', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_pick_counts_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['pick_sessions.id'], name=op.f('fk_pick_counts_session_id_pick_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', 'membership_id', name=op.f('pk_pick_counts'))
    )
    op.create_table('themes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=160), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('card_ids', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['pick_sessions.id'], name=op.f('fk_themes_session_id_pick_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_themes'))
    )
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_themes_session_id'), ['session_id'], unique=False)

    op.create_table('card_comments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=True),
    sa.Column('author_name', sa.String(length=120), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_comments_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_card_comments_membership_id_memberships'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['memberships.id'], name=op.f('fk_card_comments_resolved_by_id_memberships'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_comments'))
    )
    with op.batch_alter_table('card_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_comments_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_card_comments_membership_id'), ['membership_id'], unique=False)

    op.create_table('card_translations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('headline', sa.String(length=240), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('source_note', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_card_translations_card_id_cards'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_card_translations')),
    sa.UniqueConstraint('card_id', 'language', name=op.f('uq_card_translations_card_id_language'))
    )
    with op.batch_alter_table('card_translations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_card_translations_card_id'), ['card_id'], unique=False)

    op.create_table('picks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('card_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['card_id'], ['cards.id'], name=op.f('fk_picks_card_id_cards'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_picks_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['pick_sessions.id'], name=op.f('fk_picks_session_id_pick_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_picks')),
    sa.UniqueConstraint('session_id', 'membership_id', 'card_id', name=op.f('uq_picks_session_id_membership_id_card_id'))
    )
    with op.batch_alter_table('picks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_picks_card_id'), ['card_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_picks_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_picks_session_id'), ['session_id'], unique=False)




def downgrade():
    
    with op.batch_alter_table('picks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_picks_session_id'))
        batch_op.drop_index(batch_op.f('ix_picks_membership_id'))
        batch_op.drop_index(batch_op.f('ix_picks_card_id'))

    op.drop_table('picks')
    with op.batch_alter_table('card_translations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_translations_card_id'))

    op.drop_table('card_translations')
    with op.batch_alter_table('card_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_card_comments_membership_id'))
        batch_op.drop_index(batch_op.f('ix_card_comments_card_id'))

    op.drop_table('card_comments')
    with op.batch_alter_table('themes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_themes_session_id'))

    op.drop_table('themes')
    op.drop_table('pick_counts')
    with op.batch_alter_table('cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cards_deck_id'))
        batch_op.drop_index(batch_op.f('ix_cards_category_id'))

    op.drop_table('cards')
    with op.batch_alter_table('pick_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pick_sessions_workshop_id'))
        batch_op.drop_index(batch_op.f('ix_pick_sessions_lab_id'))
        batch_op.drop_index(batch_op.f('ix_pick_sessions_deck_id'))

    op.drop_table('pick_sessions')
    with op.batch_alter_table('deck_categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deck_categories_deck_id'))

    op.drop_table('deck_categories')
    with op.batch_alter_table('decks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decks_lab_id'))

    op.drop_table('decks')

