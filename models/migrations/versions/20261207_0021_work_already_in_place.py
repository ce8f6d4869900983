"""a deliverable's status may be in_place: work that exists before the roadmap starts

The status column is a VARCHAR held to the enum's values by a named CHECK: the CHECK is recreated
with the new value (no wider column: "in_place" is shorter than "not_started"). A downgrade cannot
keep a status the old CHECK refuses, so work in place becomes done, which it is.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 23:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0020'
branch_labels = None
depends_on = None

OLD = ('not_started', 'in_progress', 'done', 'blocked', 'cancelled')
NEW = OLD + ('in_place',)


def _recheck(statuses):
    with op.batch_alter_table('deliverables', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_deliverables_status'), type_='check')
        batch_op.create_check_constraint(op.f('ck_deliverables_status'), sa.column('status').in_(statuses))


def upgrade():
    _recheck(NEW)


def downgrade():
    deliverables = sa.table('deliverables', sa.column('status'))
    op.execute(deliverables.update().where(deliverables.c.status == 'in_place').values(status='done'))
    _recheck(OLD)
