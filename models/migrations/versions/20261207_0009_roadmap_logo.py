"""a roadmap's logo, printed on its cover

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('logo_data', sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column('logo_media_type', sa.String(length=20), nullable=True))


def downgrade():
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.drop_column('logo_media_type')
        batch_op.drop_column('logo_data')
