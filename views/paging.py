"""Large roadmaps shown a page at a time (a few phases or one pillar), with links between the pages.

A small roadmap stays on one page; above WHOLE_UP_TO deliverables a page holds at most PAGE_ROWS, so
its size and the time to render it do not grow with the roadmap. Plain links: no JavaScript needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from flask import abort, request
from flask_babel import gettext as _
from flask_babel import ngettext

from roadmap.paging import Keyed, Page, page_holding, paginate
from roadmap.sequencing import Schedule
from roadmap.vocabulary import Pillar

WHOLE_UP_TO = 60
PAGE_ROWS = 40


@dataclass(frozen=True, slots=True)
class Paged:
    """The page shown, its position, and the navigation to every page (url, label, current)."""

    page: Keyed
    index: int
    nav: list[tuple[str, str, bool]]

    @property
    def label(self) -> str:
        """The name of the page shown, as in the navigation."""
        return self.nav[self.index][1]

    @property
    def previous(self) -> tuple[str, str, bool] | None:
        return self.nav[self.index - 1] if self.index > 0 else None

    @property
    def next(self) -> tuple[str, str, bool] | None:
        return self.nav[self.index + 1] if self.index + 1 < len(self.nav) else None


def phase_label(page: Page) -> str:
    if page.parts > 1:
        return _("Phase %(num)d, part %(part)d of %(parts)d", num=page.first, part=page.part, parts=page.parts)
    if page.first == page.last:
        return _("Phase %(num)d", num=page.first)
    return _("Phases %(first)d–%(last)d", first=page.first, last=page.last)


def pillar_label(page: Page) -> str:
    name = _(list(Pillar)[page.first - 1].label)
    if page.parts > 1:
        return _("%(pillar)s, part %(part)d of %(parts)d", pillar=name, part=page.part, parts=page.parts)
    return name


def by_phase(schedule: Schedule) -> list[Page] | None:
    """Pages of the sequence by runs of phases, or None when the roadmap is small enough for one page."""
    if len(schedule.deliverables) <= WHOLE_UP_TO:
        return None
    return paginate(schedule.phases, PAGE_ROWS)


def by_pillar(deliverables: Sequence) -> list[Page] | None:
    """One page per pillar (cut in parts when long), or None when the roadmap is small enough for one page.

    ``deliverables`` are anything with a key and a pillar: the plan's, or rows of a lighter query.
    """
    if len(deliverables) <= WHOLE_UP_TO:
        return None
    groups = [[d.key for d in deliverables if d.pillar is p] for p in Pillar]
    return paginate(groups, PAGE_ROWS, merge=False)


def chosen(pages: Sequence[Keyed], label: Callable, url: Callable[[int], str], near: str = "") -> Paged:
    """The page asked for by ``?page=N`` (from 1), else the one holding the key ``near``, else the first.

    A page number that does not exist is a 404: an old bookmark after the roadmap shrank, say.
    """
    raw = request.args.get("page", "")
    if raw:
        if not (raw.isascii() and raw.isdigit()) or not 1 <= int(raw) <= len(pages):
            abort(404)
        index = int(raw) - 1
    else:
        index = page_holding(pages, near) if near else None
        index = index or 0
    nav = [
        (url(i + 1), f"{label(p)} ({ngettext('%(num)d deliverable', '%(num)d deliverables', len(p.keys))})", i == index)
        for i, p in enumerate(pages)
    ]
    return Paged(pages[index], index, nav)
