"""threats added with the CO:RE 4 Cs on both axes: trafficking, technology-facilitated gender-based
violence, non-consensual sharing of intimate images, commercial profiling and dark patterns, identity
theft, dangerous challenges, discrimination

The threat columns are VARCHARs held to the enum's values by a named CHECK: the CHECK is recreated
with the new codes (none is longer than the longest old one, so the width stays). A downgrade cannot
keep a code the old CHECK refuses and no old threat means the same, so it drops those tags.

Revision ID: 0020
Revises: 0017
Create Date: 2026-12-07 23:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0020"
down_revision = "0017"
branch_labels = None
depends_on = None

OLD_THREATS = (
    "csam",
    "grooming",
    "sextortion",
    "livestreamed_abuse",
    "self_generated_imagery",
    "ai_generated_abuse",
    "pornography_exposure",
    "violent_content",
    "hate_racism",
    "extremism",
    "self_harm_content",
    "cyberbullying",
    "cyberstalking",
    "privacy_disclosure",
    "fraud_scams",
    "phishing_spam",
    "gaming_addiction",
    "gambling",
    "misinformation",
)
NEW_THREATS = (
    "trafficking",
    "gender_based_violence",
    "intimate_image_abuse",
    "commercial_profiling",
    "identity_theft",
    "dangerous_challenges",
    "discrimination",
)
TABLES = ("deliverable_threats", "library_entry_threats")


def _recheck(table, threats):
    with op.batch_alter_table(table, schema=None) as batch_op:
        batch_op.drop_constraint(op.f(f"ck_{table}_threat"), type_="check")
        batch_op.create_check_constraint(op.f(f"ck_{table}_threat"), sa.column("threat").in_(threats))


def upgrade():
    for table in TABLES:
        _recheck(table, OLD_THREATS + NEW_THREATS)


def downgrade():
    for table in TABLES:
        rows = sa.table(table, sa.column("threat"))
        op.execute(rows.delete().where(rows.c.threat.in_(NEW_THREATS)))
        _recheck(table, OLD_THREATS)
