"""printed parts kept in the database beside whole PDFs, each kind within its own size cap

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('printed_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=8), server_default='pdf', nullable=False))


def downgrade():
    with op.batch_alter_table('printed_files', schema=None) as batch_op:
        batch_op.drop_column('kind')
