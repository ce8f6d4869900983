// The contrast of each SVG text against the fill of the first shape under its centre (WCAG's formula).
// Called by tests/e2e/axe.py as page.evaluate(source, minimum); returns {checked, failures}.
(minimum) => {
  const rgb = c => { const m = /rgba?\(([^)]+)\)/.exec(c || ''); return m ? m[1].split(/[\s,\/]+/).filter(Boolean).map(Number) : null; };
  const lum = c => c.slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [hi, lo] = [lum(a), lum(b)].sort((p, q) => q - p); return (hi + 0.05) / (lo + 0.05); };
  const painted = e => { const s = getComputedStyle(e); const c = rgb(s.fill);
    return c && (c.length < 4 || c[3] > 0) && s.fillOpacity !== '0' && s.opacity !== '0' && s.visibility !== 'hidden' ? c : null; };
  const failures = []; let checked = 0;
  for (const t of document.querySelectorAll('svg text')) {
    if (t.closest('defs, title, desc')) continue;
    t.scrollIntoView({block: 'center', inline: 'center'});
    const r = t.getBoundingClientRect();
    if (!r.width || !r.height) continue;
    const fg = painted(t);
    if (!fg) continue;
    let bg = [255, 255, 255];
    const svg = t.ownerSVGElement, x = r.left + r.width / 2, y = r.top + r.height / 2;
    for (const e of document.elementsFromPoint(x, y)) {
      if (e === svg || !svg.contains(e)) break;
      if (e.closest('text') || !(e instanceof SVGGeometryElement)) continue;
      const m = e.getScreenCTM();  // only a shape whose fill covers the point counts: not a line, not an outline
      if (!m || !e.isPointInFill(new DOMPoint(x, y).matrixTransform(m.inverse()))) continue;
      const c = painted(e);
      if (c) { bg = c; break; }
    }
    checked += 1;
    const value = ratio(fg, bg);
    if (value < minimum) failures.push(`"${t.textContent.trim()}" ${getComputedStyle(t).fill} on rgb(${bg.slice(0, 3)}): ${value.toFixed(2)}:1`);
  }
  window.scrollTo(0, 0);
  return {checked, failures};
}
