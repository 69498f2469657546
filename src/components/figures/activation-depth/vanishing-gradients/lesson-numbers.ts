/**
 * The numbers the "Vanishing gradients" lesson quotes in its comparison with the PyTorch re-run, as the text the page
 * shows: the re-run's gradient norms at initialisation (reference/results/exp2d_spiral_depth.json: 8 hidden layers
 * of 100, PyTorch default init, full batch, 3 seeds) and ours, computed here at build time by the figures' own
 * float64 backprop (gradient-norms-model.ts, geometric means over seeds 1–10). No number is typed into the page.
 */
import rerun from '../../../../../reference/results/exp2d_spiral_depth.json';
import { geoMean, ratioVsDepth, sci, type HiddenActivation, type InitScheme } from './gradient-norms-model.ts';

/** The depth the lesson compares at. */
export const depth = 8;
const seeds = Array.from({ length: 10 }, (_, i) => i + 1);

/** The re-run's runs of one activation at `depth`. */
export const rerunRuns = (act: HiddenActivation) => rerun.runs.filter((r) => r.act === act && r.depth === depth);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** "8.1e-8 to 1.3e-7": lowest and highest over the re-run's seeds. */
const range = (xs: number[]) => `${sci(Math.min(...xs))} to ${sci(Math.max(...xs))}`;

/** Our first/last ratio at `depth` hidden layers (batch 100, geometric mean over seeds 1–10). */
export function ourRatio(activation: HiddenActivation, o: { width?: number; scheme?: InitScheme } = {}): number {
  return ratioVsDepth([depth], activation, { width: o.width ?? 32, n: 100, seeds, ...(o.scheme && { scheme: o.scheme }) })[0]!.mean;
}

/**
 * The average factor by which one layer shrinks the gradient: the geometric mean of the consecutive layer-norm
 * ratios ‖∂L/∂W_l‖ / ‖∂L/∂W_{l+1}‖ from the first hidden layer to the output layer. They telescope, so it is the
 * first/last ratio to the power 1/depth.
 */
export const perLayerFactor = (ratio: number) => ratio ** (1 / depth);

/** The re-run's numbers for one activation. */
function rerunText(act: HiddenActivation) {
  const runs = rerunRuns(act);
  const ratios = runs.map((r) => r.grad_ratio_first_over_last);
  return {
    ratio: sci(geoMean(ratios)),
    ratioRange: range(ratios),
    firstNorm: sci(mean(runs.map((r) => r.grad_first_init)), 3),
  };
}

const sigmoid = ourRatio('sigmoid');
const glorot = ourRatio('sigmoid', { scheme: 'glorot' });
const he = ourRatio('sigmoid', { scheme: 'he' });

/** Every number the comparison shows, as the text it shows. */
export const vanishingNumbers = {
  rerunWidth: String(rerun.config.width),
  rerunEpochs: String(rerun.config.epochs),
  rerunSeeds: String(rerun.config.seeds.length),
  rerunSigmoid: rerunText('sigmoid'),
  rerunRelu: rerunText('relu'),
  ourSigmoid: sci(sigmoid),
  ourRelu: sci(ourRatio('relu')),
  ourGlorot: sci(glorot),
  ourHe: sci(he),
  /** How many times less the Glorot and He sigmoid nets vanish than the default's: "60–160". */
  lessVanishing: `${Math.round(glorot / sigmoid / 10) * 10}–${Math.round(he / sigmoid / 10) * 10}`,
  factorDefault: perLayerFactor(sigmoid).toFixed(2),
  factorLarger: `${perLayerFactor(glorot).toFixed(2)}–${perLayerFactor(he).toFixed(2)}`,
  /** The ReLU ratio at other widths (batch 100), the re-run's width of 100 last. */
  reluWidth16: sci(ourRatio('relu', { width: 16 })),
  reluWidth64: sci(ourRatio('relu', { width: 64 })),
  reluWidthRerun: sci(ourRatio('relu', { width: rerun.config.width })),
  sigmoidWidthRerun: sci(ourRatio('sigmoid', { width: rerun.config.width })),
};
