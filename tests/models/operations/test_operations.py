from datetime import UTC
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import Country, Deliverable, JournalEntry, Roadmap, User, db
from models.operations import Actor, OperationError, create_user, import_plan
from models.queries.loading import load_plan
from models.user import GlobalRole, MembershipRole
from roadmap.demo import demo_plan
from roadmap.exchange.interchange import read_document, to_document
from roadmap.plan import Deliverable as PlanDeliverable
from tests.factories import import_small, small_document


def test_an_imported_plan_loads_back_identical(db_ctx):
    plan = read_document(small_document())
    rid = import_plan(plan, Actor("test"))
    assert load_plan(rid) == plan


def test_the_demo_plan_round_trips_through_the_database(db_ctx):
    plan = demo_plan("GHA", "Demo")
    rid = import_plan(plan, Actor("test"))
    assert to_document(load_plan(rid)) == to_document(plan)


def test_unicode_text_survives_the_database(db_ctx):
    text = "حماية 儿童 Защита 🧒🏽 e\u0301 \u200f <b>"
    rid = import_small(title=text)
    assert load_plan(rid).title == text
    assert db.session.get(Roadmap, rid).title == text


def test_cost_is_exact(db_ctx):
    rid = import_small()
    assert load_plan(rid).deliverable("O1").cost.amount == Decimal("12000.50")


def test_import_writes_a_journal_entry(db_ctx):
    rid = import_small(actor="cop-roadmap import plan.json")
    entry = db.session.scalar(select(JournalEntry).where(JournalEntry.roadmap_id == rid))
    assert entry.actor == "cop-roadmap import plan.json" and entry.action == "imported"
    assert entry.new_value == "4 deliverables, 3 dependencies"
    assert entry.at.tzinfo == UTC


def test_the_country_is_created_from_iso_data_with_its_un_region(db_ctx):
    import_small()
    country = db.session.scalar(select(Country).where(Country.code == "KEN"))
    assert (country.name, country.region) == ("Kenya", "Africa")


def test_a_failing_import_leaves_nothing_behind(db_ctx):
    plan = read_document(small_document())
    # Validation normally stops this; here the database must refuse it and roll all back.
    broken = PlanDeliverable(key="X1", pillar=plan.deliverables[0].pillar, title="x", duration_weeks=9999)
    bad = type(plan)(
        **{**{f: getattr(plan, f) for f in plan.__dataclass_fields__}, "deliverables": (*plan.deliverables, broken)}
    )
    with pytest.raises(Exception):  # noqa: B017 -- the driver's own IntegrityError differs per database
        import_plan(bad, Actor("test"))
    assert db.session.scalar(select(func.count(Roadmap.id))) == 0
    assert db.session.scalar(select(func.count(Deliverable.id))) == 0
    assert db.session.scalar(select(func.count(JournalEntry.id))) == 0


def test_create_user_with_memberships(db_ctx):
    user = create_user("Editor@Example.org ", "Ed", "long enough", GlobalRole.MEMBER, [("KEN", MembershipRole.EDITOR)])
    assert user.email == "editor@example.org"
    assert user.check_password("long enough") and not user.check_password("wrong")
    assert user.password_hash.startswith("scrypt:")
    assert [(m.country.code, m.role) for m in user.memberships] == [("KEN", "editor")]


@pytest.mark.parametrize(
    ("email", "password", "countries", "message"),
    [
        ("not-an-email", "long enough", [], "is not an e-mail address"),
        ("a@example.org", "short", [], "at least 8 characters"),
        (
            "a@example.org",
            "long enough",
            [("XXX", MembershipRole.VIEWER)],
            'unknown ISO 3166-1 alpha-3 country code "XXX"',
        ),
        (
            "a@example.org",
            "long enough",
            [("KEN", MembershipRole.VIEWER), ("KEN", MembershipRole.EDITOR)],
            "given twice",
        ),
    ],
)
def test_create_user_refuses_bad_input_and_saves_nothing(db_ctx, email, password, countries, message):
    with pytest.raises(OperationError, match=message):
        create_user(email, "A", password, GlobalRole.MEMBER, countries)
    assert db.session.scalar(select(func.count(User.id))) == 0
    assert db.session.scalar(select(func.count(Country.id))) == 0


def test_an_email_can_only_have_one_account(db_ctx):
    create_user("a@example.org", "A", "long enough", GlobalRole.ADMIN)
    with pytest.raises(OperationError, match="already exists"):
        create_user("A@example.org", "B", "long enough", GlobalRole.MEMBER)


def test_an_indicator_keeps_its_source_and_unknown_baseline_in_the_database(db_ctx):
    doc = small_document()
    doc["deliverables"][0]["indicators"] = [
        {"name": "Reports received", "unit": "reports", "baseline": None, "target": 500, "source": "Hotline statistics"}
    ]
    plan = read_document(doc)
    rid = import_plan(plan, Actor("test"))
    loaded = load_plan(rid)
    assert loaded == plan
    assert loaded.deliverables[0].indicators[0].source == "Hotline statistics"
