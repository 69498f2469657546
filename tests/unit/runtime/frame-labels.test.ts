/**
 * Hidden labels on the learner's live scatter frames (Problem.frameLabels, live-frames/frame-labels.ts): added to
 * frames of the matching size on their way to the page, never given to the learner's code.
 */
import { describe, expect, it } from 'vitest';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { loadProblemData, makeProblem } from '../../../graders/problems/index.ts';
import { labelScatterFrames } from '../../../src/runtime/live-frames/frame-labels.ts';
import { readLearnerPlots } from '../../../src/runtime/live-frames/index.ts';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import type { ProgressEvent } from '../../../src/runtime/progress.ts';
import { inThreadRunner, runExercise } from '../../../src/runtime/run-exercise.ts';

const scatter = (n: number, labels?: number[]) => ({ kind: 'scatter' as const, points: Array.from({ length: n }, (_, i) => [i, 0] as [number, number]), ...(labels && { labels }) });

describe('labelScatterFrames', () => {
  it.each([
    ['a frame of the labels’ size without labels gets them', { step: 1, loss: 0, plots: [scatter(3)] }, [[7, 8, 9]]],
    ['a frame of another size stays unlabelled', { step: 1, loss: 0, plots: [scatter(2)] }, [undefined]],
    ['a frame with labels of its own keeps them', { step: 1, loss: 0, plots: [scatter(3, [0, 0, 1])] }, [[0, 0, 1]]],
  ] as [string, ProgressEvent, (number[] | undefined)[]][])('%s', (_, event, expected) => {
    const out = labelScatterFrames(event, Int32Array.from([7, 8, 9]));
    expect(out.plots!.map((p) => (p.kind === 'scatter' ? p.labels : 'other'))).toEqual(expected);
  });
  it('leaves events without frames, or problems without labels, as they came', () => {
    const event = { step: 1, loss: 0 };
    expect(labelScatterFrames(event, Int32Array.from([1]))).toBe(event);
    const framed = { step: 1, loss: 0, plots: [scatter(1)] };
    expect(labelScatterFrames(framed, undefined)).toBe(framed);
  });
});

describe('a t-SNE run’s live frames', () => {
  const { meta } = loadExercise('03-autoencoders/03-tsne');
  // Reports one frame of all the points and one of a single point, then returns a (poor) map at once.
  const source = `export async function tsne(images, ctx) {
    if ('labels' in images) throw new Error('the learner saw labels');
    const pts = Array.from({ length: images.n }, (_, i) => [i % 7, i % 11]);
    ctx.report({ step: 1, loss: 1, plots: [{ kind: 'scatter', points: pts }] });
    return pts;
  }`;

  it('are coloured by the hidden digits on the page’s side, while the call’s argument holds pixels only', async () => {
    const tf = await useNodeBackend('wasm');
    await loadProblemData(meta.data);
    const problem = makeProblem(meta.data, meta.seed);
    expect(Object.keys(problem.calls[0]!.arg as object).sort()).toEqual(['cols', 'features', 'n', 'rows', 'x']);
    const events: ProgressEvent[] = [];
    const { report } = await runExercise({ meta, source, backend: 'wasm', runner: inThreadRunner(tf, { readPlots: readLearnerPlots }), onProgress: (p) => events.push(p) });
    expect(report.error).toBeNull();
    const frame = events.flatMap((e) => e.plots ?? []).find((p) => p.kind === 'scatter');
    expect(frame && frame.kind === 'scatter' && frame.labels).toEqual(Array.from(problem.frameLabels!));
  }, 60_000);
});
