"""A plan in and out of files: the cop-roadmap/1 interchange format with its JSON Schema (``schema/``),
the spreadsheet template and its upload, Microsoft Project XML (MSPDI) and iCalendar.

May import: the rest of ``roadmap`` (plan, vocabulary, sequencing, …), the standard library, and the
file libraries (jsonschema, openpyxl, icalendar); never ``roadmap.printing``.
"""
