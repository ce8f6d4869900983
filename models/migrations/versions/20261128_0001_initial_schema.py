"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-28 21:47:39.711105

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('countries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('region', sa.String(length=60), nullable=True),
    sa.Column('subregion', sa.String(length=60), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_countries')),
    sa.UniqueConstraint('code', name=op.f('uq_countries_code'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('admin', 'adviser', 'member', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('editor', 'viewer', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_memberships_country_id_countries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('user_id', 'country_id', name=op.f('uq_memberships_user_id_country_id'))
    )
    op.create_table('roadmaps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('country_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('language', sa.Enum('ar', 'zh', 'en', 'fr', 'ru', 'es', name='language', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('status', sa.Enum('draft', 'in_review', 'approved', 'archived', name='status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['country_id'], ['countries.id'], name=op.f('fk_roadmaps_country_id_countries'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roadmaps'))
    )
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_roadmaps_country_id'), ['country_id'], unique=False)

    op.create_table('pillar_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('pillar', sa.Enum('legal', 'technical', 'organizational', 'capacity', 'cooperation', name='pillar', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('maturity', sa.Integer(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.CheckConstraint('maturity BETWEEN 1 AND 5', name=op.f('ck_pillar_assessments_maturity_range')),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_pillar_assessments_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pillar_assessments')),
    sa.UniqueConstraint('roadmap_id', 'pillar', name=op.f('uq_pillar_assessments_roadmap_id_pillar'))
    )
    op.create_table('stakeholders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('government', 'regulator', 'law_enforcement', 'judiciary', 'industry', 'civil_society', 'academia', 'international', 'children_youth', name='kind', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_stakeholders_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stakeholders')),
    sa.UniqueConstraint('roadmap_id', 'id', name=op.f('uq_stakeholders_roadmap_id_id')),
    sa.UniqueConstraint('roadmap_id', 'key', name=op.f('uq_stakeholders_roadmap_id_key'))
    )
    op.create_table('deliverables',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('pillar', sa.Enum('legal', 'technical', 'organizational', 'capacity', 'cooperation', name='pillar', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('lead_id', sa.Integer(), nullable=True),
    sa.Column('duration_weeks', sa.Integer(), nullable=False),
    sa.Column('objective', sa.String(length=500), nullable=True),
    sa.Column('not_before', sa.Date(), nullable=True),
    sa.Column('due_by', sa.Date(), nullable=True),
    sa.Column('priority', sa.Enum('low', 'medium', 'high', name='priority', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('status', sa.Enum('not_started', 'in_progress', 'done', 'blocked', 'cancelled', name='status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('percent_complete', sa.Integer(), nullable=False),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_finish', sa.Date(), nullable=True),
    sa.Column('cost_amount', sa.Numeric(precision=16, scale=2), nullable=True),
    sa.Column('cost_currency', sa.String(length=3), nullable=True),
    sa.Column('funding_source', sa.String(length=200), nullable=True),
    sa.Column('template_key', sa.String(length=40), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('actual_start IS NULL OR actual_finish IS NULL OR actual_finish >= actual_start', name=op.f('ck_deliverables_actual_order')),
    sa.CheckConstraint('cost_amount IS NULL OR cost_amount >= 0', name=op.f('ck_deliverables_cost_not_negative')),
    sa.CheckConstraint('cost_amount IS NULL OR cost_currency IS NOT NULL', name=op.f('ck_deliverables_cost_has_currency')),
    sa.CheckConstraint('duration_weeks BETWEEN 0 AND 520', name=op.f('ck_deliverables_duration_range')),
    sa.CheckConstraint('percent_complete BETWEEN 0 AND 100', name=op.f('ck_deliverables_percent_range')),
    sa.ForeignKeyConstraint(['roadmap_id', 'lead_id'], ['stakeholders.roadmap_id', 'stakeholders.id'], name=op.f('fk_deliverables_roadmap_id_lead_id_stakeholders')),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_deliverables_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deliverables')),
    sa.UniqueConstraint('roadmap_id', 'id', name=op.f('uq_deliverables_roadmap_id_id')),
    sa.UniqueConstraint('roadmap_id', 'key', name=op.f('uq_deliverables_roadmap_id_key'))
    )
    op.create_table('deliverable_partners',
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('deliverable_id', sa.Integer(), nullable=False),
    sa.Column('stakeholder_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['roadmap_id', 'deliverable_id'], ['deliverables.roadmap_id', 'deliverables.id'], name=op.f('fk_deliverable_partners_roadmap_id_deliverable_id_deliverables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['roadmap_id', 'stakeholder_id'], ['stakeholders.roadmap_id', 'stakeholders.id'], name=op.f('fk_deliverable_partners_roadmap_id_stakeholder_id_stakeholders'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('deliverable_id', 'stakeholder_id', name=op.f('pk_deliverable_partners'))
    )
    op.create_table('deliverable_threats',
    sa.Column('deliverable_id', sa.Integer(), nullable=False),
    sa.Column('threat', sa.Enum('csam', 'grooming', 'sextortion', 'livestreamed_abuse', 'self_generated_imagery', 'ai_generated_abuse', 'pornography_exposure', 'violent_content', 'hate_racism', 'extremism', 'self_harm_content', 'cyberbullying', 'cyberstalking', 'privacy_disclosure', 'fraud_scams', 'phishing_spam', 'gaming_addiction', 'gambling', 'misinformation', name='threat', native_enum=False, create_constraint=True), nullable=False),
    sa.ForeignKeyConstraint(['deliverable_id'], ['deliverables.id'], name=op.f('fk_deliverable_threats_deliverable_id_deliverables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('deliverable_id', 'threat', name=op.f('pk_deliverable_threats'))
    )
    op.create_table('dependencies',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('predecessor_id', sa.Integer(), nullable=False),
    sa.Column('successor_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('finish_to_start', 'start_to_start', 'finish_to_finish', name='kind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('lag_weeks', sa.Integer(), nullable=False),
    sa.CheckConstraint('lag_weeks BETWEEN -520 AND 520', name=op.f('ck_dependencies_lag_range')),
    sa.CheckConstraint('predecessor_id <> successor_id', name=op.f('ck_dependencies_no_self_link')),
    sa.ForeignKeyConstraint(['roadmap_id', 'predecessor_id'], ['deliverables.roadmap_id', 'deliverables.id'], name=op.f('fk_dependencies_roadmap_id_predecessor_id_deliverables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['roadmap_id', 'successor_id'], ['deliverables.roadmap_id', 'deliverables.id'], name=op.f('fk_dependencies_roadmap_id_successor_id_deliverables'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_dependencies_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dependencies')),
    sa.UniqueConstraint('predecessor_id', 'successor_id', name=op.f('uq_dependencies_predecessor_id_successor_id'))
    )
    with op.batch_alter_table('dependencies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_dependencies_roadmap_id'), ['roadmap_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_dependencies_successor_id'), ['successor_id'], unique=False)

    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('deliverable_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['deliverable_id'], ['deliverables.id'], name=op.f('fk_indicators_deliverable_id_deliverables'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_indicators_deliverable_id'), ['deliverable_id'], unique=False)

    op.create_table('journal_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('deliverable_id', sa.Integer(), nullable=True),
    sa.Column('deliverable_key', sa.String(length=40), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('old_value', sa.Text(), nullable=True),
    sa.Column('new_value', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['deliverable_id'], ['deliverables.id'], name=op.f('fk_journal_entries_deliverable_id_deliverables'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_journal_entries_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_journal_entries_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_journal_entries'))
    )
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.create_index('ix_journal_entries_roadmap_at', ['roadmap_id', 'at'], unique=False)



def downgrade():
    with op.batch_alter_table('journal_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_journal_entries_roadmap_at')

    op.drop_table('journal_entries')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_indicators_deliverable_id'))

    op.drop_table('indicators')
    with op.batch_alter_table('dependencies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_dependencies_successor_id'))
        batch_op.drop_index(batch_op.f('ix_dependencies_roadmap_id'))

    op.drop_table('dependencies')
    op.drop_table('deliverable_threats')
    op.drop_table('deliverable_partners')
    op.drop_table('deliverables')
    op.drop_table('stakeholders')
    op.drop_table('pillar_assessments')
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_roadmaps_country_id'))

    op.drop_table('roadmaps')
    op.drop_table('memberships')
    op.drop_table('users')
    op.drop_table('countries')
