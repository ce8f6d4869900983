"""The JSON API, /api/v1: personal tokens, problem+json errors, ETags and pagination.

``blueprint`` holds the blueprint and its authentication; each resource module adds its routes to it;
importing this package loads them all. May import: ``models``, ``roadmap``, and ``views`` modules
outside the feature packages (access, extensions, errors), and the dashboard's filter reader
(views.tracking.dashboard_filters), so the page and the API read the same parameters the same way.
"""

from views.api import dashboard, deliverables, dependencies, openapi, printing, roadmaps
from views.api.blueprint import bp

blueprints = (bp,)
# The resource modules are imported for the routes they add to bp.
__all__ = ["blueprints", "bp", "dashboard", "deliverables", "dependencies", "openapi", "printing", "roadmaps"]
