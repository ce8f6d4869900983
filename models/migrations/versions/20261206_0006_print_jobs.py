"""print jobs run by the job queue, and printed files kept in the database

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 12:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('print_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('roadmap_id', sa.Integer(), nullable=True),
    sa.Column('entry_id', sa.Integer(), nullable=True),
    sa.Column('pdfa', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='print_status', native_enum=False, create_constraint=True, length=7), nullable=False),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('parts_done', sa.Integer(), nullable=False),
    sa.Column('parts_total', sa.Integer(), nullable=False),
    sa.Column('pages', sa.Integer(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('(roadmap_id IS NULL) <> (entry_id IS NULL)', name=op.f('ck_print_jobs_one_source')),
    sa.ForeignKeyConstraint(['entry_id'], ['library_entries.id'], name=op.f('fk_print_jobs_entry_id_library_entries'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_print_jobs_requested_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['roadmap_id'], ['roadmaps.id'], name=op.f('fk_print_jobs_roadmap_id_roadmaps'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_jobs')),
    sa.UniqueConstraint('key', name=op.f('uq_print_jobs_key'))
    )
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_print_jobs_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_jobs_requested_by_id'), ['requested_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_jobs_roadmap_id'), ['roadmap_id'], unique=False)

    op.create_table('printed_files',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('used_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_printed_files'))
    )
    with op.batch_alter_table('printed_files', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_printed_files_used_at'), ['used_at'], unique=False)


def downgrade():
    with op.batch_alter_table('printed_files', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_printed_files_used_at'))

    op.drop_table('printed_files')
    with op.batch_alter_table('print_jobs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_jobs_roadmap_id'))
        batch_op.drop_index(batch_op.f('ix_print_jobs_requested_by_id'))
        batch_op.drop_index(batch_op.f('ix_print_jobs_entry_id'))

    op.drop_table('print_jobs')
