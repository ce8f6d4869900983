"""forecast figures kept for the dashboard

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 04:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('forecast_figures',
    sa.Column('roadmap_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('roadmap_updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('baseline_id', sa.Integer(), nullable=False),
    sa.Column('forecast_finish', sa.Date(), nullable=True),
    sa.Column('slip_days', sa.Integer(), nullable=True),
    sa.Column('overdue', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['baseline_id'], ['baselines.id'], name=op.f('fk_forecast_figures_baseline_id_baselines'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_forecast_figures_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('roadmap_id', name=op.f('pk_forecast_figures'))
    )
    with op.batch_alter_table('forecast_figures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_forecast_figures_baseline_id'), ['baseline_id'], unique=False)


def downgrade():
    with op.batch_alter_table('forecast_figures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_forecast_figures_baseline_id'))

    op.drop_table('forecast_figures')
