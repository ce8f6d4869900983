"""The printed roadmap: what it shows (``context``, ``text``, ``matrices``), its charts cut to pages
(``charts``, ``labels``), the cover's logo checked and made anew from an upload (``logo``,
``svg_allowed``), the whole HTML document (``document``), printing it part by part (``parts``) with
WeasyPrint in a child process (``render``, ``weasy``), joining the parts (``join``) and the cache of
finished PDFs (``cache``).

May import: the rest of ``roadmap`` (``roadmap.charts`` draws the SVG), jinja2, WeasyPrint, pikepdf,
Pillow and defusedxml (``logo``); WeasyPrint only in the modules the render child loads (``weasy``,
``parts``), so a command that prints nothing does not pay its start-up.
"""
