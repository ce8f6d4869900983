"""Model National Response capability ratings: each of the 21 capabilities rated on the maturity
model's four phases, with its evidence, one row per roadmap and capability

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-07 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0019'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'capability_ratings',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('roadmap_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('phase', sa.Integer(), nullable=False),
        sa.Column('evidence', sa.Text(), nullable=True),
        sa.CheckConstraint('number BETWEEN 1 AND 21', name=op.f('ck_capability_ratings_capability_number')),
        sa.CheckConstraint('phase BETWEEN 1 AND 4', name=op.f('ck_capability_ratings_capability_phase')),
        sa.ForeignKeyConstraint(
            ['roadmap_id'], ['roadmaps.id'], name=op.f('fk_capability_ratings_roadmap_id_roadmaps'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_capability_ratings')),
        sa.UniqueConstraint('roadmap_id', 'number', name=op.f('uq_capability_ratings_roadmap_id_number')),
    )


def downgrade():
    op.drop_table('capability_ratings')
