/**
 * The numbers the "Vanishing gradients" lesson quotes about training deep networks on the spiral, as the text the
 * page shows, from gradient-training.json (written by scripts/measure-vanishing.ts). No number is typed into the page.
 */
import results from './gradient-training.json';

type Run = (typeof results.rows)[number]['runs'][number];
const { setup } = results;
/** The runs of one row of the figure: an activation with an initialisation. */
export const trainingRuns = (activation: string, init: string): Run[] => results.rows.find((r) => r.activation === activation && r.init === init)!.runs;

/** First checkpoint (epoch) where the training loss is below 1.0 (ln 3 ≈ 1.099 is chance), or null if never. */
export function escapeEpoch(loss: number[]): number | null {
  const k = loss.findIndex((l) => l < 1.0);
  return k < 0 ? null : Math.min(k * setup.lossEvery, setup.epochs);
}
/** First checkpoint (epoch) where the training accuracy reaches `target`, or null if never (the file keeps 4 decimals). */
export function epochReaching(accuracy: number[], target: number): number | null {
  const k = accuracy.findIndex((a) => a >= target - 5e-5);
  return k < 0 ? null : Math.min(k * setup.lossEvery, setup.epochs);
}

/** "0.44 to 0.54": lowest to highest, to `digits` decimals (one number when they print alike). */
const range = (xs: number[], digits: number) => {
  const lo = Math.min(...xs).toFixed(digits), hi = Math.max(...xs).toFixed(digits);
  return lo === hi ? lo : `${lo} to ${hi}`;
};
/** The latest of the runs' epochs (all must have one). */
const latest = (xs: (number | null)[]) => {
  if (xs.some((x) => x === null)) throw new Error('a run never got there');
  return Math.max(...(xs as number[]));
};

/** The most training points any model gets right: the three arms' first points share the origin. */
export const perClass = Number(/(\d+) training points per class/.exec(setup.data)![1]);
export const bestTrainAccuracy = (3 * perClass - 2) / (3 * perClass);
const at300 = 300 / setup.lossEvery;
const relu = trainingRuns('relu', 'pytorch'), sigmoid = trainingRuns('sigmoid', 'pytorch');
const glorot = trainingRuns('sigmoid', 'glorot'), he = trainingRuns('relu', 'he');

/** Every number of the training section, as the text it shows. */
export const trainingNumbers = {
  best: String(3 * perClass - 2),
  points: String(3 * perClass),
  perClass: String(perClass),
  seeds: String(setup.seeds.length),
  seedList: setup.seeds.join(', '),
  reluEscape: String(latest(relu.map((r) => escapeEpoch(r.loss)))),
  reluBestBy: String(latest(relu.map((r) => epochReaching(r.accuracy, bestTrainAccuracy)))),
  reluTest: range(relu.map((r) => r.testAccuracy), 3),
  sigmoidPlateau: range(sigmoid.map((r) => escapeEpoch(r.loss) ?? setup.epochs), 0),
  sigmoidAt300: range(sigmoid.map((r) => r.accuracy[at300]!), 2),
  sigmoidFinal: range(sigmoid.map((r) => r.trainAccuracy), 2),
  glorotPlateau: range(glorot.map((r) => escapeEpoch(r.loss) ?? setup.epochs), 0),
  glorotFinal: range(glorot.map((r) => r.trainAccuracy), 2),
  heEscape: String(latest(he.map((r) => escapeEpoch(r.loss)))),
  heBestBy: String(latest(he.map((r) => epochReaching(r.accuracy, bestTrainAccuracy)))),
};
