"""The treaty gap analysis of a roadmap, in the Legal Measures step: the checklist of treaty provisions
a child online protection law must cover, each marked in law, partly or missing with a note, and the
legal deliverables suggested for the gaps, added in one step. ``views.create_app`` registers its
blueprint."""
