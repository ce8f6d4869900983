"""The Model National Response self-assessment of a roadmap: the 21 capabilities rated on the maturity
model's phases with their evidence, beside the pillar self-assessment of the guided flow, and what to
build next from the capabilities rated lowest. ``views.create_app`` registers its blueprint."""
