"""challenge: proposals (resources, risks, equality check, sign-offs, decisions, actions), the lab's lists, panels, blind scores

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 14:33:42.726362

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():

    op.create_table('challenge_options',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_challenge_options_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_options'))
    )
    with op.batch_alter_table('challenge_options', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_options_lab_id'), ['lab_id'], unique=False)

    op.create_table('challenge_panels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=True),
    sa.Column('revealed', sa.Boolean(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_challenge_panels_lab_id_labs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_panels'))
    )
    with op.batch_alter_table('challenge_panels', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_panels_lab_id'), ['lab_id'], unique=False)

    op.create_table('challenge_panel_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_challenge_panel_members_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['panel_id'], ['challenge_panels.id'], name=op.f('fk_challenge_panel_members_panel_id_challenge_panels'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_panel_members')),
    sa.UniqueConstraint('panel_id', 'membership_id', name=op.f('uq_challenge_panel_members_panel_id_membership_id'))
    )
    with op.batch_alter_table('challenge_panel_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_panel_members_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_panel_members_panel_id'), ['panel_id'], unique=False)

    op.create_table('challenge_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('lab_id', sa.Integer(), nullable=False),
    sa.Column('prototype_id', sa.Integer(), nullable=False),
    sa.Column('propositions', sa.JSON(), nullable=False),
    sa.Column('hypothesis', sa.Text(), nullable=False),
    sa.Column('change', sa.Text(), nullable=False),
    sa.Column('scale_id', sa.Integer(), nullable=True),
    sa.Column('priority_ids', sa.JSON(), nullable=False),
    sa.Column('impact_measures', sa.Text(), nullable=False),
    sa.Column('process_measures', sa.Text(), nullable=False),
    sa.Column('governance', sa.Text(), nullable=False),
    sa.Column('sponsor_comments', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('lead_signed_by_id', sa.Integer(), nullable=True),
    sa.Column('lead_signed_on', sa.Date(), nullable=True),
    sa.Column('sponsor_signed_by_id', sa.Integer(), nullable=True),
    sa.Column('sponsor_signed_on', sa.Date(), nullable=True),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['lab_id'], ['labs.id'], name=op.f('fk_challenge_proposals_lab_id_labs'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['lead_signed_by_id'], ['users.id'], name=op.f('fk_challenge_proposals_lead_signed_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['prototype_id'], ['prototypes.id'], name=op.f('fk_challenge_proposals_prototype_id_prototypes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['scale_id'], ['challenge_options.id'], name=op.f('fk_challenge_proposals_scale_id_challenge_options'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['sponsor_signed_by_id'], ['users.id'], name=op.f('fk_challenge_proposals_sponsor_signed_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_proposals')),
    sa.UniqueConstraint('prototype_id', name=op.f('uq_challenge_proposals_prototype_id'))
    )
    with op.batch_alter_table('challenge_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_proposals_lab_id'), ['lab_id'], unique=False)

    op.create_table('challenge_actions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_actions_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_actions'))
    )
    with op.batch_alter_table('challenge_actions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_actions_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('challenge_equality',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('group', sa.String(length=40), nullable=False),
    sa.Column('effect', sa.String(length=20), nullable=False),
    sa.Column('mitigation', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_equality_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_equality')),
    sa.UniqueConstraint('proposal_id', 'group', name=op.f('uq_challenge_equality_proposal_id_group'))
    )
    with op.batch_alter_table('challenge_equality', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_equality_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('challenge_panel_proposals',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['panel_id'], ['challenge_panels.id'], name=op.f('fk_challenge_panel_proposals_panel_id_challenge_panels'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_panel_proposals_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_panel_proposals')),
    sa.UniqueConstraint('panel_id', 'proposal_id', name=op.f('uq_challenge_panel_proposals_panel_id_proposal_id'))
    )
    with op.batch_alter_table('challenge_panel_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_panel_proposals_panel_id'), ['panel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_panel_proposals_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('challenge_resources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('needed', sa.Text(), nullable=False),
    sa.Column('why', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_resources_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_resources'))
    )
    with op.batch_alter_table('challenge_resources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_resources_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('challenge_risks',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('consequence', sa.Integer(), nullable=False),
    sa.Column('mitigation', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_risks_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_risks'))
    )
    with op.batch_alter_table('challenge_risks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_risks_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('challenge_scores',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('factor', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_challenge_scores_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['panel_id'], ['challenge_panels.id'], name=op.f('fk_challenge_scores_panel_id_challenge_panels'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_scores_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_scores')),
    sa.UniqueConstraint('panel_id', 'proposal_id', 'membership_id', 'factor', name=op.f('uq_challenge_scores_panel_id_proposal_id_membership_id_factor'))
    )
    with op.batch_alter_table('challenge_scores', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_scores_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_scores_panel_id'), ['panel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_scores_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('challenge_submissions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('panel_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('membership_id', sa.Integer(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['membership_id'], ['memberships.id'], name=op.f('fk_challenge_submissions_membership_id_memberships'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['panel_id'], ['challenge_panels.id'], name=op.f('fk_challenge_submissions_panel_id_challenge_panels'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['challenge_proposals.id'], name=op.f('fk_challenge_submissions_proposal_id_challenge_proposals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_challenge_submissions')),
    sa.UniqueConstraint('panel_id', 'proposal_id', 'membership_id', name=op.f('uq_challenge_submissions_panel_id_proposal_id_membership_id'))
    )
    with op.batch_alter_table('challenge_submissions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challenge_submissions_membership_id'), ['membership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_submissions_panel_id'), ['panel_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_challenge_submissions_proposal_id'), ['proposal_id'], unique=False)




def downgrade():

    with op.batch_alter_table('challenge_submissions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_submissions_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_submissions_panel_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_submissions_membership_id'))

    op.drop_table('challenge_submissions')
    with op.batch_alter_table('challenge_scores', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_scores_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_scores_panel_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_scores_membership_id'))

    op.drop_table('challenge_scores')
    with op.batch_alter_table('challenge_risks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_risks_proposal_id'))

    op.drop_table('challenge_risks')
    with op.batch_alter_table('challenge_resources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_resources_proposal_id'))

    op.drop_table('challenge_resources')
    with op.batch_alter_table('challenge_panel_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_panel_proposals_proposal_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_panel_proposals_panel_id'))

    op.drop_table('challenge_panel_proposals')
    with op.batch_alter_table('challenge_equality', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_equality_proposal_id'))

    op.drop_table('challenge_equality')
    with op.batch_alter_table('challenge_actions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_actions_proposal_id'))

    op.drop_table('challenge_actions')
    with op.batch_alter_table('challenge_proposals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_proposals_lab_id'))

    op.drop_table('challenge_proposals')
    with op.batch_alter_table('challenge_panel_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_panel_members_panel_id'))
        batch_op.drop_index(batch_op.f('ix_challenge_panel_members_membership_id'))

    op.drop_table('challenge_panel_members')
    with op.batch_alter_table('challenge_panels', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_panels_lab_id'))

    op.drop_table('challenge_panels')
    with op.batch_alter_table('challenge_options', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challenge_options_lab_id'))

    op.drop_table('challenge_options')

