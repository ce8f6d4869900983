"""The domain of COP Roadmap: the plan and its rules, free of web and database code.

At the top: the vocabularies, threats and countries, the starter catalog and guidance, the plan as
frozen dataclasses (:mod:`roadmap.plan`), its dependency graph, sequencing, the forecast, what-if,
what changed, follow-up and the library's redacted snapshots. Beside them: ``roadmap.charts`` (SVG
Gantt chart and dependency graph), ``roadmap.printing`` (the printed roadmap) and
``roadmap.exchange`` (cop-roadmap/1, spreadsheets, Microsoft Project, iCalendar).

May import: the standard library, networkx, jinja2, WeasyPrint, pikepdf and the data libraries named
in setup.cfg — never flask, flask_*, sqlalchemy, ``models`` or ``views``. Views and models convert to
and from the plain dataclasses in :mod:`roadmap.plan`.
"""
