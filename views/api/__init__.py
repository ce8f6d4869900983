"""The JSON API, /api/v1: personal tokens, problem+json errors, ETags and pagination.

``blueprint`` holds the blueprint and its authentication; each resource module adds its routes to it;
importing this package loads them all. May import: ``models``, ``roadmap``, and ``views`` modules
outside the feature packages (access, extensions, errors).
"""

from views.api import deliverables, dependencies, openapi, printing, roadmaps
from views.api.blueprint import bp

blueprints = (bp,)
# The resource modules are imported for the routes they add to bp.
__all__ = ["blueprints", "bp", "deliverables", "dependencies", "openapi", "printing", "roadmaps"]
