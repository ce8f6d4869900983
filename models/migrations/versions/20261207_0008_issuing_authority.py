"""who issues a roadmap, printed on its cover

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('issuing_authority', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.drop_column('issuing_authority')
