"""sessions kept on the server, a count that ends a user's sessions, calendar links' makers

Calendar links made before this revision have no recorded maker, so nobody can tell whether their
maker may still read the roadmap: they are revoked, and an editor makes a new one.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 16:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'web_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('session_id', sa.String(length=255), nullable=False),
        sa.Column('data', sa.LargeBinary(), nullable=True),
        sa.Column('expiry', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_web_sessions')),
        sa.UniqueConstraint('session_id', name=op.f('uq_web_sessions_session_id')),
    )
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_web_sessions_expiry'), ['expiry'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), nullable=False, server_default='0'))
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feed_token_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f('fk_roadmaps_feed_token_by_id_users'), 'users', ['feed_token_by_id'], ['id'], ondelete='SET NULL'
        )
    op.execute("UPDATE roadmaps SET feed_token_hash = NULL")


def downgrade():
    with op.batch_alter_table('roadmaps', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_roadmaps_feed_token_by_id_users'), type_='foreignkey')
        batch_op.drop_column('feed_token_by_id')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_epoch')
    with op.batch_alter_table('web_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_web_sessions_expiry'))
    op.drop_table('web_sessions')
