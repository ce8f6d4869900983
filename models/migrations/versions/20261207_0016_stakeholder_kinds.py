"""stakeholder kinds for parliament, the national human rights institution, the statistics office,
health, local government, faith and traditional leaders, and prisons and probation

The kind columns are VARCHARs held to the enum's values by a named CHECK: the CHECK is recreated
with the new values, and the column widened to fit the longest of them. A downgrade cannot keep a
kind the old CHECK refuses, so it maps each new kind to the old kind that held it before.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 22:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

OLD_KINDS = (
    'government', 'regulator', 'law_enforcement', 'judiciary', 'industry', 'civil_society', 'academia',
    'international', 'children_youth',
)
# Each new kind, and the old kind a downgrade files it under.
NEW_KINDS = {
    'parliament': 'government',
    'human_rights_institution': 'government',
    'statistics_office': 'government',
    'health': 'government',
    'local_government': 'government',
    'faith_traditional_leaders': 'civil_society',
    'prisons_probation': 'government',
}
ALL_KINDS = OLD_KINDS + tuple(NEW_KINDS)
# (table, column): the CHECK is named after the column, as models.base.enum_column names it.
KIND_COLUMNS = (('stakeholders', 'kind'), ('catalog_templates', 'lead_kind'))


def _length(kinds):
    return max(len(k) for k in kinds)


def _recheck(table, column, old, new):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f'ck_{table}_{column}'), type_='check')
        batch_op.alter_column(
            column,
            existing_type=sa.String(length=_length(old)),
            type_=sa.String(length=_length(new)),
            existing_nullable=False,
        )
        batch_op.create_check_constraint(op.f(f'ck_{table}_{column}'), sa.column(column).in_(new))


def upgrade():
    for table, column in KIND_COLUMNS:
        _recheck(table, column, OLD_KINDS, ALL_KINDS)


def downgrade():
    for table, column in KIND_COLUMNS:
        kinds = sa.table(table, sa.column(column))
        for new, old in NEW_KINDS.items():
            op.execute(kinds.update().where(kinds.c[column] == new).values({column: old}))
        _recheck(table, column, ALL_KINDS, OLD_KINDS)
