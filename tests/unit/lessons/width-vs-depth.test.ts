/**
 * Lesson "Width vs depth": the linear-region counter behind its figures, on constructions whose counts are known
 * exactly, against the bounds, and against a brute-force scan.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// The region counter under test, as one namespace: every call below reads as the model's (model.regions1d).
import * as model from '../../../src/components/figures/activation-depth/width-vs-depth/linear-regions-model.ts';
import { depthsFor, patternMapSvg, regionCounts, regionsView } from '../../../src/components/figures/activation-depth/width-vs-depth/depth-regions-view.ts';

/**
 * A ReLU net with one input run at x (float64): its output, and its activation pattern (one 0/1 per hidden unit,
 * 1 where the unit's pre-activation is positive).
 */
function forward(net: model.ReluNet, x: number): { output: number; pattern: string } {
  let a = [x];
  let pattern = '';
  net.forEach((layer, l) => {
    const hidden = l < net.length - 1;
    a = Array.from({ length: layer.units }, (_, j) => {
      let s = layer.bias[j]!;
      for (let i = 0; i < layer.inputs; i++) s += a[i]! * layer.weights[i * layer.units + j]!;
      if (!hidden) return s;
      pattern += s > 0 ? '1' : '0';
      return Math.max(0, s);
    });
  });
  return { output: a[0]!, pattern };
}
const output = (net: model.ReluNet, x: number) => forward(net, x).output;
const pattern = (net: model.ReluNet, x: number) => forward(net, x).pattern;

describe('zigzag (sawtooth) construction', () => {
  it.each([1, 2, 3, 4, 6, 8, 10, 12])('the tent map composed %i times has exactly 2^k pieces and 2^k regions', (k) => {
    const r = model.regions1d(model.zigzagNet(Array<number>(k).fill(2)), 0, 1);
    expect(r.pieces).toBe(2 ** k);
    expect(r.regions).toBe(2 ** k);
  });

  it('computes the tent map t(x) = 1 − |2x − 1| and its compositions', () => {
    const tent = (x: number) => 1 - Math.abs(2 * x - 1);
    for (const x of [0, 0.1, 0.3, 0.5, 0.62, 0.9, 1]) {
      expect(output(model.zigzagNet([2]), x)).toBeCloseTo(tent(x), 12);
      expect(output(model.zigzagNet([2, 2, 2]), x)).toBeCloseTo(tent(tent(tent(x))), 12);
    }
  });

  it.each([[[3]], [[3, 3, 3]], [[12, 12]], [[3, 4, 2]], [[8, 8, 8]], [[4, 4, 4, 4, 4, 4]]])('widths %j give the product of the widths', (widths) => {
    const r = model.regions1d(model.zigzagNet(widths), 0, 1);
    expect(r.pieces).toBe(model.zigzagPieces(widths));
    // Every piece sweeps [0, 1]: the graph's knots alternate between 0 and 1.
    expect(Math.min(...r.knots.y)).toBeCloseTo(0, 9);
    expect(Math.max(...r.knots.y)).toBeCloseTo(1, 9);
  });
});

describe('exact regions along a line', () => {
  it('one hidden layer of n units: 1 + (units whose breakpoint −b/w falls inside), so at most n + 1', () => {
    for (const n of [1, 5, 24])
      for (let seed = 1; seed <= 100; seed++) {
        const net = model.randomReluNet([n], 1, seed);
        const inside = Array.from({ length: n }, (_, j) => -net[0]!.bias[j]! / net[0]!.weights[j]!).filter((b) => b > -2 && b < 2).length;
        const r = model.regions1d(net, -2, 2);
        expect(r.regions).toBe(1 + inside);
        expect(r.regions).toBeLessThanOrEqual(n + 1);
        expect(r.pieces).toBeLessThanOrEqual(r.regions);
      }
  });

  it('never exceeds the bound ∏(n_l + 1), and deep random nets do cross n + 1 sometimes', () => {
    let aboveShallowMax = 0;
    for (const depth of depthsFor(24))
      for (let seed = 1; seed <= 60; seed++) {
        const widths = model.evenWidths(24, depth);
        const r = model.regions1d(model.randomReluNet(widths, 1, seed), -2, 2);
        expect(r.regions).toBeLessThanOrEqual(model.lineUpperBound(widths));
        if (r.regions > 25) aboveShallowMax++;
      }
    expect(aboveShallowMax).toBeGreaterThan(0);
  });

  it('agrees with a brute-force scan of activation patterns and with the net itself', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const net = model.randomReluNet([6, 6, 6], 1, seed);
      const r = model.regions1d(net, -2, 2);
      // Every breakpoint separates two different patterns, and the pattern is constant between breakpoints.
      const edges = [-2, ...r.breakpoints, 2];
      for (let k = 0; k + 1 < edges.length; k++) {
        const a = edges[k]!, b = edges[k + 1]!;
        const mid = pattern(net, (a + b) / 2);
        for (const t of [0.1, 0.5, 0.9]) expect(pattern(net, a + t * (b - a))).toBe(mid);
        if (k > 0) expect(pattern(net, (edges[k - 1]! + a) / 2)).not.toBe(mid);
      }
      // The graph's knots are the net's outputs, and it is linear in between.
      r.knots.x.forEach((x, k) => expect(r.knots.y[k]).toBeCloseTo(output(net, x), 9));
      for (let k = 0; k + 1 < r.knots.x.length; k++) {
        const x = (r.knots.x[k]! + r.knots.x[k + 1]!) / 2;
        expect(output(net, x)).toBeCloseTo((r.knots.y[k]! + r.knots.y[k + 1]!) / 2, 9);
      }
      // A fine scan finds the same number of pattern changes.
      let changes = 0;
      let prev = pattern(net, -2);
      for (let i = 1; i <= 40_000; i++) {
        const p = pattern(net, -2 + (4 * i) / 40_000);
        if (p !== prev) changes++;
        prev = p;
      }
      expect(changes + 1).toBe(r.regions);
    }
  });

  it('random nets of 24 neurons: deeper means fewer regions on average at initialization (what the lesson states)', () => {
    const mean = (depth: number) => model.countStats(50, (seed) => model.regions1d(model.randomReluNet(model.evenWidths(24, depth), 1, seed), -2, 2).regions).mean;
    const wide = mean(1), mid = mean(3), deep = mean(12);
    expect(wide).toBeGreaterThan(mid);
    expect(mid).toBeGreaterThan(deep);
    expect(wide).toBeLessThanOrEqual(25);
  });
});

describe('activation patterns in the plane', () => {
  it('one hidden layer of n units: at most 1 + n + n(n−1)/2 regions (n lines in the plane)', () => {
    for (const n of [2, 4, 8])
      for (let seed = 1; seed <= 5; seed++) {
        const g = model.patternGrid(model.randomReluNet([n], 2, seed), -2, 2, 64);
        expect(g.regions).toBeLessThanOrEqual(1 + n + (n * (n - 1)) / 2);
        expect(g.regions).toBeGreaterThanOrEqual(1);
        expect(new Set(g.ids).size).toBe(g.regions);
      }
  });

  it('draws one path per region', () => {
    const g = model.patternGrid(model.randomReluNet([8, 8, 8], 2, 3), -2, 2, 48);
    const svg = patternMapSvg(g, { title: 'test' });
    expect(svg.match(/<path /g)).toHaveLength(g.regions);
    expect(svg).toContain('viewBox="0 0 48 48"');
  });
});

describe('figure view', () => {
  it('lists the depths that split a budget into layers of at least 2', () => {
    expect(depthsFor(24)).toEqual([1, 2, 3, 4, 6, 8, 12]);
    expect(depthsFor(12)).toEqual([1, 2, 3, 4, 6]);
  });

  it('renders the random and the zigzag view, and counts huge zigzags without drawing them', () => {
    const random = regionsView({ budget: 24, depth: 3, mode: 'random', seed: 1 });
    expect(random.lineSvg).toContain('<svg');
    expect(random.mapSvg).toContain('<path');
    const zig = regionsView({ budget: 24, depth: 12, mode: 'zigzag', seed: 1 });
    expect(zig.lines.join(' ')).toContain('2¹² = 4,096 pieces');
    expect(random.lines[1]).toContain('9³ = 729 pieces');
    const huge = regionsView({ budget: 48, depth: 24, mode: 'zigzag', seed: 1 });
    expect(huge.lineSvg).toBe('');
    expect(huge.lines[0]).toContain('16,777,216');
  });
});

describe('the numbers the lesson quotes', () => {
  it('match the counts table (24 neurons, 100 draws on a line, 20 in the plane)', () => {
    const rows = regionCounts(24);
    const at = (d: number) => rows.find((r) => r.depth === d)!;
    expect(rows.map((r) => r.zigzag)).toEqual([24, 144, 512, 1296, 4096, 6561, 4096]);
    expect(rows.map((r) => r.bound)).toEqual([25, 169, 729, 2401, 15625, 65536, 531441]);
    expect(at(1).pytorch.mean).toBeCloseTo(19.3, 1);
    expect(at(3).pytorch.mean).toBeCloseTo(14.4, 1);
    expect(at(12).pytorch.mean).toBeCloseTo(3.5, 1);
    expect(at(12).pieces.mean).toBeCloseTo(1.0, 1);
    expect(at(3).he.mean).toBeCloseTo(21.6, 1);
    expect(at(2).pytorch.max).toBe(27);
    expect(at(4).he.max).toBe(40);
    expect(Math.round(at(1).plane.mean)).toBe(173);
    expect(Math.round(at(3).plane.mean)).toBe(98);
    expect(Math.round(at(12).plane.mean)).toBe(6);
  });
});

describe('the page’s algebra', () => {
  it('with row vectors a fixed pattern makes a layer a ↦ (aW + b)D, the diagonal on the right', () => {
    // A 3 → 4 layer and an input row a: relu(aW + b) equals (aW + b)D with D = diag(pattern).
    const W = [[1, -2, 0.5, 3], [-1, 1, 2, -0.5], [0.3, -0.7, -1, 1]], b = [0.1, -0.2, 0.3, -4], a = [0.5, -1, 2];
    const z = b.map((bj, j) => bj + a.reduce((s, ai, i) => s + ai * W[i]![j]!, 0));
    const d = z.map((v) => (v > 0 ? 1 : 0));
    expect(new Set(d)).toEqual(new Set([0, 1])); // some units on, some off
    const zD = z.map((_, j) => z.reduce((s, zk, k) => s + zk * (k === j ? d[j]! : 0), 0));
    expect(zD).toEqual(z.map((v) => Math.max(0, v)));
    const page = readFileSync('src/content/docs/activation-depth/width-vs-depth.mdx', 'utf8');
    expect(page).toContain('$a \\mapsto (aW + b)D$');
    expect(page).not.toContain('D(aW + b)');
  });
});
