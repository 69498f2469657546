/**
 * SVG for the neuron lesson's static XOR figure (no DOM, no tfjs): the XOR network's diagram and its input and
 * hidden spaces, drawn from neuron-model.ts.
 */
import { palette, r2 } from '../../kit/svg-chart.ts';
import { hiddenPoints, xorNetworkUnits, type Unit } from './neuron-model.ts';

const signed = (v: number) => (v < 0 ? `−${-v}` : `+${v}`);

/**
 * The 2 → 2 → 1 XOR network as a diagram: input, hidden and output nodes; every edge labelled with its weight, every
 * neuron with its bias.
 */
export function xorDiagramSvg(units: Record<'h1' | 'h2' | 'out', Unit> = xorNetworkUnits): string {
  const width = 440;
  const height = 215;
  const nodes = {
    x1: { x: 50, y: 60, label: 'x₁' },
    x2: { x: 50, y: 170, label: 'x₂' },
    h1: { x: 215, y: 60, label: 'h₁', sub: 'OR' },
    h2: { x: 215, y: 170, label: 'h₂', sub: 'NAND' },
    out: { x: 380, y: 115, label: 'y', sub: 'AND' },
  };
  type Key = keyof typeof nodes;
  const edges: [Key, Key, number][] = [
    ['x1', 'h1', units.h1.w1],
    ['x2', 'h1', units.h1.w2],
    ['x1', 'h2', units.h2.w1],
    ['x2', 'h2', units.h2.w2],
    ['h1', 'out', units.out.w1],
    ['h2', 'out', units.out.w2],
  ];
  const R = 22;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>The XOR network: inputs x₁ and x₂ feed hidden neurons h₁ = OR and h₂ = NAND, which feed the output neuron y = AND(h₁, h₂)</title>`);
  parts.push('<g font-family="system-ui, sans-serif" font-size="12" fill="currentColor">');
  for (const [a, b, w] of edges) {
    const p = nodes[a];
    const q = nodes[b];
    const len = Math.hypot(q.x - p.x, q.y - p.y);
    const ux = (q.x - p.x) / len;
    const uy = (q.y - p.y) / len;
    const color = w > 0 ? palette[1]! : palette[0]!;
    parts.push(`<line x1="${r2(p.x + ux * R)}" y1="${r2(p.y + uy * R)}" x2="${r2(q.x - ux * R)}" y2="${r2(q.y - uy * R)}" stroke="${color}" stroke-width="2"/>`);
    // Label a third of the way along the edge, from its start, so the crossing edges' labels do not collide.
    const t = b === 'out' ? 0.5 : 0.3;
    const lx = p.x + (q.x - p.x) * t;
    const ly = p.y + (q.y - p.y) * t;
    const above = a === 'x1' || (a === 'h1' && b === 'out');
    parts.push(`<text x="${r2(lx)}" y="${r2(ly + (above ? -7 : 15))}" text-anchor="middle" font-weight="600" fill="${color}">${signed(w).replace('+', '')}</text>`);
  }
  for (const key of Object.keys(nodes) as Key[]) {
    const n = nodes[key];
    parts.push(`<circle cx="${n.x}" cy="${n.y}" r="${R}" fill="none" stroke="currentColor" stroke-width="1.5"/>`);
    parts.push(`<text x="${n.x}" y="${n.y + 5}" text-anchor="middle" font-size="15">${n.label}</text>`);
    if ('sub' in n) {
      const bias = key === 'out' ? units.out.b : units[key as 'h1' | 'h2'].b;
      parts.push(`<text x="${n.x}" y="${n.y + R + 16}" text-anchor="middle">${n.sub}, b = ${signed(bias)}</text>`);
    }
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/**
 * Two panels side by side: the four inputs in input space (no line separates XOR's 1s from its 0s), and the same
 * four points after the hidden layer, in (h₁, h₂) space, where the output neuron's line h₁ + h₂ = 1.5 does.
 */
export function xorSpacesSvg(): string {
  const panel = 190;
  const pad = 30; // between a panel's edge and the points at 0 and 1, room for the labels
  const m = { top: 24, left: 40, bottom: 38 };
  const gap = 110; // from the left panel's right edge to the right panel's left edge
  const width = m.left + panel + gap + panel + 10;
  const height = m.top + panel + m.bottom;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" class="rdl-chart"><title>Left: XOR's four inputs, which no line separates. Right: the same inputs in hidden space (h₁, h₂), where the two XOR-true inputs land on one point and the line h₁ + h₂ = 1.5 separates them from the rest</title>`,
  );
  parts.push('<g font-family="system-ui, sans-serif" font-size="12" fill="currentColor">');
  const panelAt = (ox: number) => ({
    sx: (v: number) => ox + pad + v * (panel - 2 * pad),
    sy: (v: number) => m.top + panel - pad - v * (panel - 2 * pad),
  });
  const draw = (ox: number, title: string, xl: string, yl: string, pts: { x: number; y: number; target: number }[], line?: [number, number, number, number]) => {
    const { sx, sy } = panelAt(ox);
    parts.push(`<rect x="${ox}" y="${m.top}" width="${panel}" height="${panel}" fill="none" stroke="currentColor" stroke-opacity="0.35"/>`);
    parts.push(`<text x="${ox + panel / 2}" y="${m.top - 8}" text-anchor="middle" font-weight="600">${title}</text>`);
    parts.push(`<text x="${ox + panel / 2}" y="${m.top + panel + 30}" text-anchor="middle">${xl}</text>`);
    parts.push(`<text x="${ox - 24}" y="${m.top + panel / 2 + 4}" text-anchor="middle">${yl}</text>`);
    for (const t of [0, 1]) {
      parts.push(`<text x="${r2(sx(t))}" y="${m.top + panel + 14}" text-anchor="middle" opacity="0.75">${t}</text>`);
      parts.push(`<text x="${ox - 5}" y="${r2(sy(t) + 4)}" text-anchor="end" opacity="0.75">${t}</text>`);
    }
    if (line) parts.push(`<line x1="${r2(sx(line[0]))}" y1="${r2(sy(line[1]))}" x2="${r2(sx(line[2]))}" y2="${r2(sy(line[3]))}" stroke="currentColor" stroke-width="1.5" stroke-dasharray="6 4"/>`);
    for (const p of pts) {
      const color = p.target ? palette[1]! : palette[0]!;
      if (p.target) parts.push(`<circle cx="${r2(sx(p.x))}" cy="${r2(sy(p.y))}" r="8" fill="${color}"/>`);
      else parts.push(`<rect x="${r2(sx(p.x) - 7)}" y="${r2(sy(p.y) - 7)}" width="14" height="14" fill="${color}"/>`);
    }
  };
  const pts = hiddenPoints();
  draw(m.left, 'input space', 'x₁', 'x₂', pts.map((p) => ({ x: p.x1, y: p.x2, target: p.target })));
  // The output neuron fires where 20h₁ + 20h₂ − 30 > 0, i.e. above the line h₁ + h₂ = 1.5.
  const ox = m.left + panel + gap;
  draw(ox, 'hidden space', 'h₁ = OR(x₁, x₂)', 'h₂', pts.map((p) => ({ x: p.h1, y: p.h2, target: p.target })), [0.5, 1, 1, 0.5]);
  // Which inputs landed where (labelled by their original x₁, x₂): above the two top points, below the bottom one,
  // clear of the line.
  const { sx, sy } = panelAt(ox);
  parts.push(`<text x="${r2(sx(1) + 8)}" y="${r2(sy(1) - 13)}" text-anchor="end" font-size="11">(0,1), (1,0)</text>`);
  parts.push(`<text x="${r2(sx(0) - 8)}" y="${r2(sy(1) - 13)}" text-anchor="start" font-size="11">(0,0)</text>`);
  parts.push(`<text x="${r2(sx(1) + 8)}" y="${r2(sy(0) + 22)}" text-anchor="end" font-size="11">(1,1)</text>`);
  // The arrow between the panels: the hidden layer.
  const ay = m.top + panel / 2;
  const a0 = m.left + panel + 8;
  const a1 = ox - 46;
  parts.push(`<path d="M${a0} ${ay}H${a1 - 8}" stroke="currentColor" stroke-width="1.5" fill="none"/><path d="M${a1 - 8} ${ay - 5}l8 5l-8 5z"/>`);
  parts.push(`<text x="${(a0 + a1) / 2}" y="${ay - 8}" text-anchor="middle" font-size="11">hidden</text><text x="${(a0 + a1) / 2}" y="${ay + 18}" text-anchor="middle" font-size="11">layer</text>`);
  parts.push('</g></svg>');
  return parts.join('');
}
