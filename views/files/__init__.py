"""Files in and out of a roadmap: the printed PDF and its HTML, the cop-roadmap/1 file, Microsoft Project
XML, deliverable tables as CSV and XLSX, and the spreadsheet template with its upload.

May import ``models``, ``roadmap``, the shared modules at the top of ``views`` (access, extensions,
conflict, charts, paging, forms, …) and other feature packages' helpers. ``views.create_app``
registers its blueprints; importing the package itself loads none of its modules, so a command that
needs one helper stays light.
"""
