"""What an SVG logo may hold: the elements and attributes roadmap/printing/logo.py writes back, and the
editors' own markup it leaves out without a word.

Static drawing only: shapes, text, gradients, patterns, clipping, masks, markers and filters. Nothing
that runs (script, event handlers, animation), embeds another document (foreignObject, iframe) or
fetches (feImage, links, fonts); an image element only with a PNG embedded in it, which is checked as
an uploaded PNG is.
"""

from __future__ import annotations

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
XML_NS = "http://www.w3.org/XML/1998/namespace"

ELEMENTS = frozenset(
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "style",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
        "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feDropShadow",
        "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge",
        "feMergeNode", "feMorphology", "feOffset", "feTile", "feTurbulence",
        "image",
    }
)  # fmt: skip

# Attributes without a namespace. href (plain or xlink:) and xml:space are handled on their own.
ATTRIBUTES = frozenset(
    {
        # structure and geometry
        "id", "class", "style", "transform", "viewBox", "preserveAspectRatio", "version",
        "width", "height", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry",
        "fx", "fy", "fr", "d", "points", "pathLength",
        # text
        "dx", "dy", "rotate", "lengthAdjust", "textLength", "startOffset", "method", "spacing", "side",
        # paint servers, clipping, masking, markers
        "offset", "gradientUnits", "gradientTransform", "spreadMethod", "patternUnits",
        "patternContentUnits", "patternTransform", "clipPathUnits", "maskUnits", "maskContentUnits",
        "markerUnits", "markerWidth", "markerHeight", "refX", "refY", "orient",
        # filters
        "filterUnits", "primitiveUnits", "in", "in2", "result", "stdDeviation", "mode", "operator",
        "k1", "k2", "k3", "k4", "values", "type", "tableValues", "slope", "intercept", "amplitude",
        "exponent", "radius", "baseFrequency", "numOctaves", "seed", "stitchTiles",
        # presentation attributes
        "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-linecap",
        "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "stroke-dashoffset",
        "stroke-opacity", "opacity", "color", "display", "visibility", "overflow",
        "clip-path", "clip-rule", "mask", "filter", "marker-start", "marker-mid", "marker-end",
        "stop-color", "stop-opacity", "flood-color", "flood-opacity", "lighting-color",
        "font-family", "font-size", "font-weight", "font-style", "font-variant", "font-stretch",
        "text-anchor", "dominant-baseline", "alignment-baseline", "baseline-shift",
        "letter-spacing", "word-spacing", "text-decoration", "writing-mode", "direction",
        "unicode-bidi", "color-interpolation", "color-interpolation-filters", "shape-rendering",
        "text-rendering", "image-rendering", "vector-effect", "paint-order", "mix-blend-mode",
        "isolation",
    }
)  # fmt: skip

# Drawing programs' own markup (layers, guides, page settings): left out, as are <metadata> blocks.
EDITOR_NAMESPACES = (
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://ns.adobe.com/",
    "http://www.bohemiancoding.com/sketch/ns",
    "http://www.serif.com/",
)
LEFT_OUT = frozenset({"metadata"})
