/**
 * "How a network learns": the numbers the page shows are the script's (lesson-numbers.json is what
 * `lessonNumbers()` computes now, and the page renders them rather than typing them), the loss-surface figure's
 * model says what the page says of it, and the float64 backpropagation the exercise's grader uses is the gradient.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gradientDescent, lossAndGradient, meanSquaredError, type TanhNet } from '../../../graders/start-here/tanh-net.ts';
import { float32LogSoftmax, lessonNumbers, out } from '../../../scripts/start-here/lesson-numbers.ts';
import { contourSegments, curvature, descend, lineGradient, lineLoss, lossSurface, minimum, steps } from '../../../src/components/figures/start-here/loss-surface-model.ts';
import { lossSurfaceSvg, runText } from '../../../src/components/figures/start-here/loss-surface-view.ts';

const page = readFileSync('src/content/docs/start-here/how-a-network-learns.mdx', 'utf8');
const saved = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;

describe('the page and lesson-numbers.json', () => {
  it('the file holds what the script computes now (rerun scripts/start-here/lesson-numbers.ts if not)', () => {
    const { provenance, ...numbers } = saved;
    expect(provenance).toMatchObject({ script: 'scripts/start-here/lesson-numbers.ts' });
    expect(numbers).toEqual(JSON.parse(JSON.stringify(lessonNumbers())));
  });

  it('the page imports the file and renders its numbers instead of typing them', () => {
    expect(page).toContain("import n from '../../../components/figures/start-here/lesson-numbers.json';");
    const n = lessonNumbers();
    const typed = [
      ...n.surface.paths.flatMap((p) => [p.learningRate, p.endLoss]),
      n.surface.stabilityLimit,
      n.surface.minimumLoss,
      n.exercise.startLoss,
      n.exercise.endLoss,
      n.symmetry.endLoss,
      n.symmetry.randomEndLoss,
    ];
    // Outside the import and the frontmatter, none of these appears as a literal.
    const body = page.slice(page.indexOf('export const'));
    for (const v of typed) expect(body, String(v)).not.toMatch(new RegExp(`(?<![\\d.])${String(v).replace('.', '\\.')}(?![\\d])`));
    for (const ref of ['slow.endLoss', 'right.endLoss', 'large.endLoss', 'n.surface.stabilityLimit', 'n.symmetry.endLoss', 'n.logSoftmax.naive', 'n.exercise.endLoss', 'n.variants.adam']) {
      expect(page).toContain(ref);
    }
  });

  it('script paths and per-seed numbers sit in the "How we measured" box, not in the running prose', () => {
    const box = page.indexOf('<HowWeMeasured>');
    expect(box).toBeGreaterThan(0);
    const prose = page.slice(page.indexOf('export const'), box);
    expect(prose).not.toMatch(/scripts\//);
    expect(prose).not.toMatch(/n\.variants\.|seeds? \d/);
  });
});

describe('the loss-surface figure', () => {
  const s = lossSurface();
  const [slow, right, large] = s.paths;

  it('its learning rates sit where the page says: too small < about right < 2/λmax < too large', () => {
    expect(slow!.learningRate).toBeLessThan(right!.learningRate);
    expect(right!.learningRate).toBeLessThan(s.stabilityLimit);
    expect(large!.learningRate).toBeGreaterThan(s.stabilityLimit);
    expect(s.stabilityLimit).toBeCloseTo(2 / curvature().lambdaMax, 12);
  });

  it('too small is still far from the minimum, about right reaches it, too large diverges', () => {
    expect(slow!.loss[steps]!).toBeGreaterThan(5 * s.minimum.loss);
    expect(right!.loss[steps]! / s.minimum.loss).toBeLessThan(1.01);
    for (let k = 1; k <= steps; k++) expect(large!.loss[k]!).toBeGreaterThan(large!.loss[k - 1]!);
  });

  it('its gradient is the loss\'s (central differences) and its minimum has zero gradient', () => {
    const [w, b, h] = [0.3, -0.7, 1e-6];
    const [gw, gb] = lineGradient(w, b);
    expect(gw).toBeCloseTo((lineLoss(w + h, b) - lineLoss(w - h, b)) / (2 * h), 6);
    expect(gb).toBeCloseTo((lineLoss(w, b + h) - lineLoss(w, b - h)) / (2 * h), 6);
    const m = minimum();
    for (const g of lineGradient(m.w, m.b)) expect(Math.abs(g)).toBeLessThan(1e-12);
  });

  it('contours of a circular bowl lie on circles of the right radius', () => {
    const size = 41;
    const values = Float64Array.from({ length: size * size }, (_, i) => ((i % size) - 20) ** 2 + (Math.floor(i / size) - 20) ** 2);
    const segments = contourSegments(values, size, size, 100);
    expect(segments.length).toBeGreaterThan(40);
    for (const [x0, y0] of segments) expect(Math.hypot(x0 - 20, y0 - 20)).toBeCloseTo(10, 0);
  });

  it("the slider's read-out says what each of the three runs does", () => {
    expect([slow, right, large].map((p) => runText(p!, s.minimum.loss, s.stabilityLimit).match(/; it ([^.]*)\./)![1])).toEqual(['is still on its way', 'reaches the minimum', 'diverges']);
    expect(lossSurfaceSvg(s, 't', descend('yours', 0.3)).match(/<polyline /g)).toHaveLength(4);
  });

  it('the SVG carries its accessible name and a path per run', () => {
    const svg = lossSurfaceSvg(s, 'A title & more');
    expect(svg).toContain('role="img"');
    expect(svg).toContain('<title>A title &amp; more</title>');
    expect(svg.match(/<polyline /g)).toHaveLength(3);
  });
});

describe('the exercise\'s float64 backpropagation and what the page says about classification losses', () => {
  const net: TanhNet = { w1: Float64Array.from([0.5, -1.2, 0.8]), b1: Float64Array.from([0.1, 0, -0.3]), w2: Float64Array.from([0.7, 0.2, -0.5]), b2: Float64Array.from([0.05]) };
  const x = [-1.5, -0.2, 0.4, 1.1, 1.9];
  const y = [0.3, -0.1, 0.5, 0.9, -0.4];

  it('the chain rule matches central differences for every weight', () => {
    const { loss, grad } = lossAndGradient(net, x, y);
    expect(loss).toBeCloseTo(meanSquaredError(net, x, y), 14);
    const h = 1e-6;
    for (const k of ['w1', 'b1', 'w2', 'b2'] as const)
      for (let i = 0; i < net[k].length; i++) {
        const shifted = (d: number) => ({ ...net, [k]: net[k].map((v, j) => (j === i ? v + d : v)) });
        expect(grad[k][i]!).toBeCloseTo((meanSquaredError(shifted(h), x, y) - meanSquaredError(shifted(-h), x, y)) / (2 * h), 6);
      }
  });

  it('equal hidden units stay equal under gradient descent (the symmetry the page describes)', () => {
    const equal: TanhNet = { w1: new Float64Array(4).fill(0.5), b1: new Float64Array(4), w2: new Float64Array(4).fill(0.1), b2: new Float64Array(1) };
    const last = gradientDescent(equal, x, y, 0.1, 50).nets[50]!;
    for (const k of ['w1', 'b1', 'w2'] as const) expect(new Set(last[k]).size).toBe(1);
    expect(lessonNumbers().symmetry.largestDifference).toBe(0);
  });

  it('in float32, log(softmax) of logits 104 apart is −∞ and the fused log-softmax is −104; sigmoid is a two-class softmax', () => {
    expect(float32LogSoftmax(104)).toEqual({ naive: '-Infinity', fused: -104 });
    for (const [z0, z1] of [[0, 2], [1.5, -0.5], [-3, 4]] as const) {
      const p1 = Math.exp(z1) / (Math.exp(z0) + Math.exp(z1));
      expect(p1).toBeCloseTo(1 / (1 + Math.exp(-(z1 - z0))), 14);
    }
  });
});
