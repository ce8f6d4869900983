"""Indicators across countries: one catalog indicator lined up across every roadmap using it.

For advisers following many countries: the same measure (say, "hotline reports handled per year")
with each country's baseline, target and latest reading side by side, and a small trend of its
readings. Listed by country, never ranked, as on the dashboard.
"""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models.queries.indicators import indicator_across, template_use
from roadmap.catalog import load_catalog, templates_by_key, translated
from roadmap.vocabulary import Pillar
from views.access import visible_roadmaps
from views.charts import trend
from views.extensions import LANGUAGES
from views.labels import country_label, number

bp = Blueprint("indicators", __name__)


@bp.route("/indicators")
@login_required
def index():
    used = template_use(visible_roadmaps(current_user))
    by_pillar: dict[Pillar, list] = {p: [] for p in Pillar}
    for template in load_catalog():
        if template.indicators:
            by_pillar[template.pillar].append((translated(template, _), used.get(template.key, 0)))
    return render_template("indicators/index.html", by_pillar=by_pillar, pillar_names={p: _(p.label) for p in Pillar})


@bp.route("/indicators/<template_key>/<int:number_>")
@login_required
def one(template_key: str, number_: int):
    template = templates_by_key().get(template_key)
    if template is None or not 1 <= number_ <= len(template.indicators):
        abort(404)
    indicator = template.indicators[number_ - 1]
    names = {indicator.name}
    for language in LANGUAGES:  # the roadmap's language named it, whichever the reader's is
        with force_locale(language):
            names.add(_(indicator.name))
    rows = indicator_across(visible_roadmaps(current_user), template.key, names)
    shown = translated(template, _)
    trends = {}
    for row in rows:
        if row.readings:
            description = _(
                "%(country)s: %(count)d readings, from %(first)s to %(last)s",
                country=country_label(row.country_code),
                count=len(row.readings),
                first=number(row.readings[0].value),
                last=number(row.readings[-1].value),
            )
            points = [(r.on, r.value) for r in row.readings]
            trends[row.deliverable_id] = trend(points, row.target, row.baseline, description)
    return render_template(
        "indicators/one.html",
        template=shown,
        indicator=shown.indicators[number_ - 1],
        rows=rows,
        trends=trends,
        pillar_name=_(template.pillar.label),
    )
