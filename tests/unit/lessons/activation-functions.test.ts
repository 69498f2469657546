/**
 * The "Activation functions" lesson: the figure's functions and derivatives (against finite differences and
 * against tfjs itself), the numbers the prose quotes, and the pure chart helpers.
 */
import { describe, expect, it } from 'vitest';
import type { Tensor } from '@tensorflow/tfjs';
import {
  activations,
  erf,
  extraActivations,
  mainActivations,
  sigmoid,
  valueTable,
  type ActivationName,
} from '../../../src/components/figures/activation-depth/activation-functions/activations-model.ts';
import {
  activationChartSvg,
  chartWindow,
  clipToRange,
  fmtValue,
  sampleCurve,
} from '../../../src/components/figures/activation-depth/activation-functions/activation-view.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';

const all: ActivationName[] = [...mainActivations, ...extraActivations];
const grid = Array.from({ length: 81 }, (_, i) => -8 + i * 0.2 + 0.013); // avoids landing exactly on the kink at 0

describe('activation functions and derivatives', () => {
  it.each(all)('%s: f′ matches a central finite difference of f', (name) => {
    const { f, df } = activations[name];
    const h = 1e-5;
    for (const z of grid) expect(df(z), `z = ${z}`).toBeCloseTo((f(z + h) - f(z - h)) / (2 * h), 5);
  });

  it('the sigmoid does not overflow and is symmetric: σ(−z) = 1 − σ(z)', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    for (const z of grid) expect(sigmoid(-z)).toBeCloseTo(1 - sigmoid(z), 14);
  });

  it("σ′ = σ(1 − σ) ≤ 1/4 with the maximum at z = 0; tanh′ = 1 − tanh² ≤ 1 with the maximum at 0", () => {
    const s = activations.sigmoid, t = activations.tanh;
    expect(s.df(0)).toBe(0.25);
    expect(t.df(0)).toBe(1);
    for (const z of grid) {
      expect(s.df(z)).toBeLessThan(0.25);
      expect(t.df(z)).toBeLessThan(1);
      expect(s.df(z)).toBeCloseTo(sigmoid(z) * (1 - sigmoid(z)), 15);
    }
  });

  it('tanh(z) = 2σ(2z) − 1 and tanh′(z) = 4σ′(2z)', () => {
    for (const z of grid) {
      expect(Math.tanh(z)).toBeCloseTo(2 * sigmoid(2 * z) - 1, 14);
      expect(activations.tanh.df(z)).toBeCloseTo(4 * activations.sigmoid.df(2 * z), 14);
    }
  });

  it('ReLU′ is 1 for z > 0 and 0 for z ≤ 0 (0 at the kink, as in tfjs)', () => {
    expect([-2, -1e-9, 0, 1e-9, 3].map(activations.relu.df)).toEqual([0, 0, 0, 1, 1]);
    expect([-2, 0, 3].map(activations.leakyRelu.df)).toEqual([0.01, 0.01, 1]);
  });

  it('the numbers the lesson quotes', () => {
    const s = activations.sigmoid, t = activations.tanh;
    expect(sigmoid(5)).toBeCloseTo(0.9933, 4);
    expect(s.df(5)).toBeCloseTo(0.00665, 5);
    expect(s.df(0) / s.df(5)).toBeCloseTo(37.6, 1);
    expect(s.df(10)).toBeCloseTo(4.54e-5, 7);
    expect(s.df(2)).toBeCloseTo(0.105, 3);
    expect(t.df(2)).toBeCloseTo(0.0707, 4);
    expect(t.df(5)).toBeCloseTo(1.82e-4, 6);
    expect(0.25 ** 10).toBeCloseTo(9.54e-7, 9);
    // Where the derivatives fall below 0.01 and 0.1.
    expect(s.df(4.58)).toBeGreaterThan(0.01);
    expect(s.df(4.59)).toBeLessThan(0.01);
    expect(t.df(2.99)).toBeGreaterThan(0.01);
    expect(t.df(3.0)).toBeLessThan(0.01);
    expect(s.df(2.06)).toBeGreaterThan(0.1);
    expect(s.df(2.07)).toBeLessThan(0.1);
    expect(t.df(1.81)).toBeGreaterThan(0.1);
    expect(t.df(1.82)).toBeLessThan(0.1);
    // GELU's minimum: about −0.17 at z ≈ −0.75.
    const z = grid.concat(Array.from({ length: 2001 }, (_, i) => -2 + i * 0.001));
    const g = z.map(activations.gelu.f);
    const m = Math.min(...g);
    expect(m).toBeCloseTo(-0.17, 2);
    expect(z[g.indexOf(m)]!).toBeCloseTo(-0.75, 2);
  });

  it('erf is accurate to 1.5e-7 (reference values of erf)', () => {
    const ref: [number, number][] = [[0, 0], [0.5, 0.5204998778], [1, 0.8427007929], [2, 0.995322265], [-1.5, -0.9661051465]];
    for (const [x, v] of ref) expect(Math.abs(erf(x) - v)).toBeLessThan(1.5e-7);
  });

  it('agrees with tfjs: values and gradients of sigmoid, tanh, ReLU, leaky ReLU (α 0.01), GELU values', async () => {
    const tf = await useNodeBackend('wasm');
    const zs = [-4, -2, -0.5, 0, 0.5, 2, 4];
    const x = tf.tensor1d(zs);
    const ops: [ActivationName, (t: Tensor) => Tensor][] = [
      ['sigmoid', (t) => tf.sigmoid(t)],
      ['tanh', (t) => tf.tanh(t)],
      ['relu', (t) => tf.relu(t)],
      ['leakyRelu', (t) => tf.leakyRelu(t, 0.01)],
    ];
    const before = tf.memory().numTensors;
    for (const [name, op] of ops) {
      const [f, df] = tf.tidy(() => [op(x).arraySync() as number[], tf.grad(op)(x).arraySync() as number[]]);
      zs.forEach((z, i) => {
        expect(f![i], `${name}(${z})`).toBeCloseTo(activations[name].f(z), 5);
        expect(df![i], `${name}′(${z})`).toBeCloseTo(activations[name].df(z), 5);
      });
    }
    const gelu = tf.tidy(() => (tf.layers.activation({ activation: 'gelu' }).apply(x) as Tensor).arraySync() as number[]);
    zs.forEach((z, i) => expect(gelu[i]!, `gelu(${z})`).toBeCloseTo(activations.gelu.f(z), 5));
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('chart helpers', () => {
  it('sampleCurve breaks the line at a jump: left limit, NaN, right limit, all at the jump', () => {
    const c = sampleCurve(activations.relu.df, -1, 1, 4, [0]);
    expect(c.x).toEqual([-1, -0.5, 0, 0, 0, 0.5, 1]);
    expect(c.y.slice(0, 3)).toEqual([0, 0, 0]);
    expect(c.y[3]).toBeNaN();
    expect(c.y.slice(4)).toEqual([1, 1, 1]);
  });

  it('clipToRange keeps the line inside [lo, hi] and adds the exact boundary crossings', () => {
    const c = clipToRange([-3, -1, 1, 3], [-3, -1, 1, 3], -2, 2); // y = x through a window of ±2
    const finite = c.y.map((y, i) => [c.x[i]!, y] as const).filter(([, y]) => Number.isFinite(y));
    expect(finite).toEqual([[-2, -2], [-1, -1], [1, 1], [2, 2]]);
    for (const y of c.y) if (Number.isFinite(y)) expect(Math.abs(y)).toBeLessThanOrEqual(2);
  });

  it('the chart draws two paths per function (f solid, f′ dashed), and marks z', () => {
    const svg = activationChartSvg({ selected: mainActivations });
    expect(svg.match(/<path /g)).toHaveLength(2 * mainActivations.length);
    expect(svg.match(/stroke-dasharray/g)).toHaveLength(mainActivations.length);
    expect(svg).toContain('<title>Activation functions');
    for (const n of mainActivations) expect(svg).toContain(activations[n].color);
    expect(svg.length).toBeLessThan(60_000);
    const marked = activationChartSvg({ selected: ['sigmoid'], z: 2 });
    expect(marked.match(/<circle /g)).toHaveLength(2); // σ(2) and σ′(2)
    expect(activationChartSvg({ selected: [] })).toContain('No activation function selected');
  });

  it('every plotted point lies inside the chart window', () => {
    const [lo, hi] = chartWindow.y;
    for (const n of all) {
      const c = clipToRange(...(Object.values(sampleCurve(activations[n].f, -5, 5, 400)) as [number[], number[]]), lo, hi);
      for (const y of c.y) if (Number.isFinite(y)) expect(y >= lo && y <= hi).toBe(true);
    }
  });

  it('the static table and value format', () => {
    const t = valueTable(['sigmoid', 'relu'], [-4, 0, 4]);
    expect(t[0]!.f.map(fmtValue)).toEqual(['0.018', '0.5', '0.982']);
    expect(t[0]!.df.map(fmtValue)).toEqual(['0.0177', '0.25', '0.0177']);
    expect(t[1]!.df.map(fmtValue)).toEqual(['0', '0', '1']);
    expect(fmtValue(-0)).toBe('0');
    expect(fmtValue(-1.2674e-4)).toBe('-1.3e-4');
  });
});
