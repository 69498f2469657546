/** `grid`: the argmax class of the returned model over a grid (decision regions), also drawn live in training. */
import type { Evaluation } from '../../../graders/problem.ts';
import type { EvaluationKind } from './kind.ts';
import { asPredictor, predictGrid } from './predictor.ts';

type Grid = Extract<Evaluation, { kind: 'grid' }>;

export const gridKind: EvaluationKind<Grid> = {
  read: async (tf, value, e, name) => Float32Array.from(await predictGrid(tf, asPredictor(value, name.what, name.picked), e.box)),
  length: (e) => e.box.size * e.box.size,
  check(_e, values) {
    const i = Array.prototype.findIndex.call(values, (c: number) => !Number.isInteger(c) || c < 0 || c > 255);
    return i < 0 ? undefined : `holds ${values[i]} at cell ${i}, which is not a class index`;
  },
  live(tf, model, e) {
    // asPredictor runs now, so a value that is not a model throws here, synchronously (see EvaluationKind.live).
    const predict = asPredictor(model, 'The model passed to ctx.report', true);
    return predictGrid(tf, predict, e.box).then((gridClasses) => ({ kind: 'regions', box: e.box, size: e.box.size, gridClasses }));
  },
};
