"""dashboard figures for every roadmap, baselined or not; advisers' own countries

The kept figures are only a cache of one day's working out: they are dropped, not converted, and
worked out again at the next view of the dashboard.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM forecast_figures")
    with op.batch_alter_table('forecast_figures', schema=None) as batch_op:
        batch_op.alter_column('baseline_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('planned_percent', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('critical_blocked', sa.Integer(), nullable=False, server_default='0'))
    op.create_table(
        'followed_countries',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('country_id', sa.Integer(), nullable=False),
        sa.Column('since', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['country_id'], ['countries.id'], name=op.f('fk_followed_countries_country_id_countries'), ondelete='CASCADE'
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_followed_countries_user_id_users'), ondelete='CASCADE'
        ),
        sa.PrimaryKeyConstraint('user_id', 'country_id', name=op.f('pk_followed_countries')),
    )


def downgrade():
    op.drop_table('followed_countries')
    op.execute("DELETE FROM forecast_figures")
    with op.batch_alter_table('forecast_figures', schema=None) as batch_op:
        batch_op.drop_column('critical_blocked')
        batch_op.drop_column('planned_percent')
        batch_op.alter_column('baseline_id', existing_type=sa.Integer(), nullable=False)
