"""axe-core, vendored in tests/e2e/vendor/, run in the page under test: WCAG 2.0 and 2.1, levels A and AA.

Nothing is excluded: a rule that must be waived is waived in the test that needs it, with its reason.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(String).join(' '), summary: n.failureSummary || ''})),
  }));
}"""


@cache
def _source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def axe_violations(page) -> list[dict]:
    """The WCAG A/AA violations axe finds on the page as it is now: id, impact, help, and each node's target."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the browser's debugging protocol rather than added as an inline
        # <script>, which the product's Content Security Policy rightly refuses.
        page.evaluate(_source())
    return page.evaluate(_RUN, WCAG_TAGS)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        for node in v["nodes"]:
            summary = " ".join(node["summary"].split())
            lines.append(f"    {node['target']}  {summary[:300]}")
    return "\n".join(lines)


def assert_no_axe_violations(page, where: str = "") -> None:
    """Fail with every violation, rule by rule and element by element, on the page as it is now."""
    violations = axe_violations(page)
    if violations:
        name = where or page.url
        raise AssertionError(f"axe found {len(violations)} WCAG A/AA violation(s) on {name}:\n{describe(violations)}")


# axe leaves the contrast of SVG text "incomplete" (it cannot tell what lies under it), so the charts' text is
# measured here: the text's fill against the fill of the first shape under its centre (the chart's own white
# background rect when there is none), with WCAG's formula.
_SVG_TEXT_CONTRAST = (Path(__file__).resolve().parent / "svg_text_contrast.js").read_text(encoding="utf-8")


def svg_text_contrast(page, minimum: float = 4.5) -> tuple[int, list[str]]:
    """How many SVG texts were measured, and those under ``minimum`` contrast with what lies under them."""
    result = page.evaluate(_SVG_TEXT_CONTRAST, minimum)
    return result["checked"], result["failures"]
