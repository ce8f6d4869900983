"""SVG charts of a sequenced roadmap for the web pages and the printed PDF: the plan at a glance, the Gantt
chart and the dependency graph.

Each chart is a standalone inline ``<svg>`` document as a string: no external references, all user text
escaped, a <title> and <desc> for screen readers, text no smaller than 10px, and every printed word
passed through ``gettext``. Pillars are told apart by colour and always by text as well.
"""

from roadmap.charts._svg import PILLAR_COLOURS
from roadmap.charts.depgraph import graph_svg
from roadmap.charts.gantt import gantt_svg
from roadmap.charts.graphmap import graph_map_svg
from roadmap.charts.linkmap import link_map_svg
from roadmap.charts.overview import overview_svg
from roadmap.charts.pages import GanttPage, gantt_pages
from roadmap.charts.parts import GraphPart, graph_groups, graph_parts

__all__ = [
    "PILLAR_COLOURS",
    "GanttPage",
    "GraphPart",
    "gantt_pages",
    "gantt_svg",
    "graph_groups",
    "graph_map_svg",
    "graph_parts",
    "graph_svg",
    "link_map_svg",
    "overview_svg",
]
