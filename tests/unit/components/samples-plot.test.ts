/**
 * The `samples` plot kind an MDN sampling run ends with: the generator's plot (the held-out data and the learner's
 * draws at the same inputs), the renderer's geometry, its figure entry, and the renderer drawing every point into a
 * recording 2-D context (the page's canvas is not available in Node; the e2e test runs the real one).
 */
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { sampleMixture } from '../../../graders/mdn/conditional-mixture.ts';
import type { SamplesPlot } from '../../../graders/problem.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import type { MdnSamplingHidden } from '../../../graders/problems/mdn/mdn-sampling.ts';
import { makeRng } from '../../../graders/rng.ts';
import { plotFigures } from '../../../src/components/plots/plot-figures.ts';
import { plotRenderers } from '../../../src/components/plots/plot-renderers.ts';
import { drawSamplesPlot, samplesPlotPoints, samplesPlotSize } from '../../../src/components/plots/samples-plot.ts';

const { meta } = loadExercise('02-mdn/04-sample-mdn');

/** The plot of a right sample on the exercise's public seed. */
function rightPlot(): SamplesPlot {
  const p = makeProblem(meta.data, meta.seed);
  const y = Float32Array.from(sampleMixture((p.hidden as MdnSamplingHidden).mixture, makeRng(1, 'plot')).y);
  const plot = p.plot([{ y }]);
  if (plot?.kind !== 'samples') throw new Error('the mdnSampling generator must end with a samples plot');
  return plot;
}

describe('samples plot', () => {
  it('the generator plots the held-out data and the draws at the same inputs', () => {
    const plot = rightPlot();
    expect(plot.x).toHaveLength(meta.data.params.n as number);
    expect(plot.data).toHaveLength(plot.x.length);
    expect(plot.samples).toHaveLength(plot.x.length);
  });

  it('places every finite point inside the frame and leaves non-finite ones out', () => {
    const plot = rightPlot();
    const { data, samples } = samplesPlotPoints(plot);
    expect(data).toHaveLength(2 * plot.x.length);
    const { width, height, pad } = samplesPlotSize;
    for (let i = 0; i < samples.length; i += 2) {
      expect(samples[i]).toBeGreaterThanOrEqual(pad - 1e-9);
      expect(samples[i]).toBeLessThanOrEqual(width - pad + 1e-9);
      expect(samples[i + 1]).toBeGreaterThanOrEqual(pad - 1e-9);
      expect(samples[i + 1]).toBeLessThanOrEqual(height - pad + 1e-9);
    }
    const broken = { ...plot, samples: Float32Array.from(plot.samples, (v, i) => (i === 0 ? NaN : v)) };
    expect(samplesPlotPoints(broken).samples).toHaveLength(samples.length - 2);
  });

  it('has a figure of the renderer’s size and is registered with the renderers', () => {
    const figure = plotFigures.find((f) => f.kind === 'samples')!;
    expect([figure.width, figure.height]).toEqual([samplesPlotSize.width, samplesPlotSize.height]);
    expect(plotRenderers.samples).toBe(drawSamplesPlot);
  });

  it('draws a dot per data point and per draw into the canvas', () => {
    const plot = rightPlot();
    let rects = 0;
    const ctx = { scale() {}, strokeRect() {}, fillRect: () => void rects++, fillText() {}, set fillStyle(_v: string) {}, set strokeStyle(_v: string) {}, set font(_v: string) {} };
    const canvas = { width: 0, height: 0, style: {}, getContext: () => ctx } as unknown as HTMLCanvasElement;
    drawSamplesPlot(canvas, plot);
    expect(rects).toBe(2 * plot.x.length);
    expect(canvas.width).toBe(samplesPlotSize.width);
  });
});
