"""Demo roadmaps for trying the product out.

``demo_plan`` (``generic``) builds a plan of any size from catalog templates with generic institutions:
tests, benchmarks and the smaller demo use it. ``ghana_plan`` (``ghana``) is the demo `cop-roadmap
seed-demo` loads for Ghana, built from the public record: the sources it relies on are listed in
roadmap/demo/ghana.py, its 2025 baseline and treaty checklist are in roadmap/demo/ghana_baseline.py.
"""

from roadmap.demo.generic import DEMO_START, demo_plan, pillar_objective
from roadmap.demo.ghana import TITLE as GHANA_TITLE
from roadmap.demo.ghana import ghana_plan

__all__ = ["DEMO_START", "GHANA_TITLE", "demo_plan", "ghana_plan", "pillar_objective"]
