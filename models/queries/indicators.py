"""One catalog indicator across every country using it: for advisers comparing how each plan moves.

A deliverable made from a catalog template keeps the template's key, and its indicators the
template's indicator names, in the roadmap's language. An indicator counts as the catalog's when
its deliverable came from that template and its name is the catalog's name in any of the six
languages (a team that renamed it made it its own). Archived roadmaps are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select

from models.base import db
from models.country import Country
from models.deliverable import Deliverable, Indicator
from models.roadmap import Roadmap
from models.tracking import Measurement


@dataclass(frozen=True, slots=True)
class Reading:
    on: date
    value: float


@dataclass(frozen=True, slots=True)
class CountryIndicator:
    roadmap_id: int
    country_code: str
    roadmap_title: str
    deliverable_id: int
    deliverable_key: str
    deliverable_title: str
    unit: str | None
    baseline: float | None
    target: float | None
    readings: tuple[Reading, ...]  # oldest first
    actual: float | None  # the value recorded without a date, when there is no reading

    @property
    def latest(self) -> Reading | None:
        return self.readings[-1] if self.readings else None


def template_use(visible: Select) -> dict[str, int]:
    """How many readable, unarchived roadmaps use each catalog template (by its key)."""
    d, r = Deliverable.__table__.c, Roadmap.__table__.c
    query = (
        select(d.template_key, func.count(func.distinct(d.roadmap_id)))
        .join(Roadmap.__table__, r.id == d.roadmap_id)
        .where(d.template_key.is_not(None), r.archived_at.is_(None))
        .where(r.id.in_(visible.with_only_columns(Roadmap.id).scalar_subquery()))
        .group_by(d.template_key)
    )
    return dict(db.session.execute(query).all())


def indicator_across(visible: Select, template_key: str, names: Iterable[str]) -> list[CountryIndicator]:
    """The indicator named ``names`` (the catalog's name in each language) of deliverables made from
    ``template_key``, in every readable roadmap, by country; two queries."""
    wanted = {n.casefold() for n in names}
    d, r, c, i = Deliverable.__table__.c, Roadmap.__table__.c, Country.__table__.c, Indicator.__table__.c
    query = (
        select(
            r.id, c.code, c.name, r.title, d.id, d.key, d.title, i.id, i.name, i.unit, i.baseline, i.target, i.actual
        )
        .select_from(Indicator.__table__)
        .join(Deliverable.__table__, d.id == i.deliverable_id)
        .join(Roadmap.__table__, r.id == d.roadmap_id)
        .join(Country.__table__, c.id == r.country_id)
        .where(d.template_key == template_key, r.archived_at.is_(None))
        .where(r.id.in_(visible.with_only_columns(Roadmap.id).scalar_subquery()))
    )
    rows = [row for row in db.session.execute(query).all() if row[8].casefold() in wanted]
    m = Measurement.__table__.c
    readings: dict[int, list[Reading]] = {row[7]: [] for row in rows}
    if readings:
        found = db.session.execute(
            select(m.indicator_id, m.measured_on, m.value)
            .where(m.indicator_id.in_(list(readings)))
            .order_by(m.measured_on, m.id)
        )
        for indicator_id, on, value in found:
            readings[indicator_id].append(Reading(on, value))
    rows.sort(key=lambda row: (row[2].casefold(), row[3].casefold(), row[5]))
    return [
        CountryIndicator(
            roadmap_id=rid,
            country_code=code,
            roadmap_title=title,
            deliverable_id=did,
            deliverable_key=key,
            deliverable_title=dtitle,
            unit=unit,
            baseline=baseline,
            target=target,
            readings=tuple(readings[iid]),
            actual=actual,
        )
        for rid, code, _, title, did, key, dtitle, iid, _, unit, baseline, target, actual in rows
    ]
