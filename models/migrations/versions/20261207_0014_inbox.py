"""inbox: notifications, and how each person wants them by e-mail

Everyone starts with a mail for each notice: nothing is sent until the server has a mail relay
(COP_ROADMAP_SMTP_URL), and each mail carries a link that turns mail off.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 20:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('recipient_id', sa.Integer(), nullable=False),
        sa.Column('roadmap_id', sa.Integer(), nullable=False),
        sa.Column('thread_id', sa.Integer(), nullable=True),
        sa.Column(
            'kind',
            sa.Enum(
                'submitted', 'returned', 'approved', 'reopened', 'thread', 'reply',
                name='notice_kind', native_enum=False, create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column('actor', sa.String(length=200), nullable=False),
        sa.Column('excerpt', sa.String(length=200), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('mailed_at', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['recipient_id'], ['users.id'], name=op.f('fk_notifications_recipient_id_users'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['roadmap_id'], ['roadmaps.id'], name=op.f('fk_notifications_roadmap_id_roadmaps'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['thread_id'], ['comment_threads.id'], name=op.f('fk_notifications_thread_id_comment_threads'),
            ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    with op.batch_alter_table('notifications', schema=None) as batch_op:
        batch_op.create_index('ix_notifications_recipient_created', ['recipient_id', 'created_at'], unique=False)
        batch_op.create_index('ix_notifications_recipient_read', ['recipient_id', 'read_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_roadmap_id'), ['roadmap_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_notifications_thread_id'), ['thread_id'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                'mail_notices',
                sa.Enum('each', 'daily', 'off', name='mail_choice', native_enum=False, create_constraint=True),
                nullable=False,
                server_default='each',
            )
        )


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_users_mail_choice'), type_='check')
        batch_op.drop_column('mail_notices')
    op.drop_table('notifications')
