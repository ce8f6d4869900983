"""each roadmap's marks on the treaty gap checklist: a provision in law, partly or missing, with a note

Revision ID: 0018
Revises: 0016
Create Date: 2026-12-07 23:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0016'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'provision_marks',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('roadmap_id', sa.Integer(), nullable=False),
        sa.Column('provision', sa.String(length=40), nullable=False),
        sa.Column(
            'status',
            sa.Enum('in_law', 'partly', 'missing', name='gap_status', native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('deliverable_id', sa.Integer(), nullable=True),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['roadmap_id'], ['roadmaps.id'], name=op.f('fk_provision_marks_roadmap_id_roadmaps'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['deliverable_id'],
            ['deliverables.id'],
            name=op.f('fk_provision_marks_deliverable_id_deliverables'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_provision_marks')),
        sa.UniqueConstraint('roadmap_id', 'provision', name=op.f('uq_provision_marks_roadmap_id_provision')),
    )


def downgrade():
    op.drop_table('provision_marks')
