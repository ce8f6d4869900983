"""one-time tokens of create forms, so a form sent twice saves once

Revision ID: 0017
Revises: 0019
Create Date: 2026-12-07 22:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0017'
down_revision = '0019'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'form_tokens',
        sa.Column('token', sa.String(length=43), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('target', sa.String(length=500), nullable=True),
        sa.Column('spent_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_form_tokens_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('token', name=op.f('pk_form_tokens')),
    )
    with op.batch_alter_table('form_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_form_tokens_spent_at'), ['spent_at'], unique=False)


def downgrade():
    with op.batch_alter_table('form_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_form_tokens_spent_at'))
    op.drop_table('form_tokens')
