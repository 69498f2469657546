/**
 * What an exercise asks of the learner's code, as plain data (no tfjs, no DOM), so it can cross a worker or
 * process boundary.
 *
 * A generator (graders/problems/) turns an exercise's `data` block and a seed into a Problem: the calls the
 * runtime makes to the learner's entry function, what it evaluates on each return value, and what only the
 * grader keeps (labels, reference answers). The runtime (src/runtime/run-learner.ts) executes the calls and sends
 * back plain numbers keyed by evaluation; the generator's `score` turns those into metrics. One pipeline serves
 * every task: classification, regression, truth tables, "compute this matrix", "compute these gradients".
 */
import type { z } from 'zod';
import type { ImageSetName } from './datasets/digits.ts';
import type { GradingSeed } from './rng.ts';

/** A box in input space and a grid resolution, for decision-region plots. */
export interface GridBox {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  size: number;
}

/**
 * The centre of every cell of the box's size×size grid as (x, y) pairs, row-major with row 0 at y0 and column 0 at
 * x0: where decision-region grids evaluate a model.
 */
export function gridCellCentres(box: GridBox): Float64Array {
  const { size } = box;
  const xy = new Float64Array(size * size * 2);
  for (let r = 0; r < size; r++)
    for (let c = 0; c < size; c++) {
      xy[2 * (r * size + c)] = box.x0 + ((c + 0.5) / size) * (box.x1 - box.x0);
      xy[2 * (r * size + c) + 1] = box.y0 + ((r + 0.5) / size) * (box.y1 - box.y0);
    }
  return xy;
}

/** How the runtime reads one result off the value the entry returned. `pick` selects a property of it first. */
export type Evaluation =
  | {
      /** Key of this result in the call's outputs. */
      key: string;
      /** Call the returned model (`.predict`) or function on `x` (n×features) and read n×outputs numbers. */
      kind: 'predict';
      pick?: string;
      x: Float32Array;
      features: number;
      outputs: number;
      /** Each output row must be a probability distribution (softmax). */
      probabilities?: boolean;
      /** How the learner reads this in messages, e.g. "AND" or "model.predict". */
      label?: string;
    }
  | {
      key: string;
      /** Argmax class of the returned model over a grid (decision regions); also drawn live during training. */
      kind: 'grid';
      pick?: string;
      box: GridBox;
    }
  | {
      key: string;
      /** Read a tensor, typed array or (nested) number array of exactly this shape. */
      kind: 'array';
      pick?: string;
      shape: number[];
      /** What the value is, for messages: "the weight matrix W". */
      label: string;
      /**
       * ±Infinity and NaN are answers the generator grades rather than a broken run: a log-density computed as
       * exp-then-log is −Infinity far from the data, and only the generator can say why. The reader passes them
       * on and the child's wire carries them (src/runtime/child-messages.ts). Default: finite numbers only.
       */
      allowNonFinite?: boolean;
    }
  | {
      key: string;
      /**
       * Call the returned model (or function) on `x` (n×features) and read a 1-D Gaussian mixture per row, as a
       * mixture density network outputs it: π (softmax), μ, σ (> 0), each n×k for the learner's k ≤ maxComponents.
       * The model returns `[pi, mu, sigma]` (a tf.model with three outputs) or `{ pi, mu, sigma }`. The outputs are
       * π, μ, σ blocks of n×maxComponents each, padded with π = 0, μ = 0, σ = 1 (graders/mdn/conditional-mixture.ts
       * `mixtureFromOutputs` reads them back), so the parent knows their length before the child runs.
       */
      kind: 'mixture';
      pick?: string;
      x: Float32Array;
      features: number;
      maxComponents: number;
      /** How the learner reads this in messages, e.g. "model.predict". */
      label?: string;
    };

/** One call of the learner's entry: `entry(arg, ctx)`, then every evaluation on what it returned. */
export interface LearnerCall {
  arg: unknown;
  evals: Evaluation[];
  /** Names the call in messages when there are several, e.g. "sigmoid net, depth 8". */
  label?: string;
}

/** What came back from one call: a flat, row-major array per evaluation key. */
export type CallOutputs = Record<string, Float32Array>;

/** A generated problem instance. `hidden` never leaves the grader. */
export interface Problem<H = unknown> {
  calls: LearnerCall[];
  hidden: H;
  /**
   * A hidden class per point for the learner's live scatter frames (e.g. the digits under a t-SNE map as it
   * forms): the runtime adds them, on the page's side, to every scatter frame of exactly this many points that
   * carries no labels of its own. Never part of a call, so the learner's code never sees them.
   */
  frameLabels?: Int32Array;
}

/** Metric values, plus optional per-metric lines that explain a value (e.g. a truth table with the outputs). */
export interface Scored {
  metrics: Record<string, number>;
  details?: Record<string, string[]>;
  /** Metrics shown but not graded (no check bounds them), each with a line that says what it means. */
  notes?: InfoNote[];
}

/**
 * A number the page shows after the checks without grading it, e.g. what the learner's same code scores on a
 * related problem that no model of its kind can solve: the value, and a message that explains it.
 */
export interface InfoNote {
  /** The metric it shows (one of the generator's metrics). */
  metric: string;
  /** What the learner sees as its name, e.g. "Inverse problem MSE (not graded)". */
  label: string;
  value: number;
  /** What the value means, in a sentence or two. */
  message: string;
}

/** Points over decision regions (classification on 2-D inputs). */
export interface RegionsPlot {
  kind: 'regions';
  box: Omit<GridBox, 'size'>;
  size: number;
  gridClasses: Uint8Array;
  x: Float32Array;
  y: Int32Array;
  predicted: Uint8Array;
}

/** Held-out points and the model's curve (regression on 1-D inputs). */
export interface CurvePlot {
  kind: 'curve';
  x: Float32Array;
  y: Float32Array;
  curveX: Float32Array;
  curveY: Float32Array;
  /** The noise-free function, when known, drawn thin for comparison. */
  trueY?: Float32Array;
}

/** One panel of a CurvePanelsPlot: a CurvePlot with a title and names for its axes. */
export interface CurvePanel extends Omit<CurvePlot, 'kind'> {
  /** The panel's heading, e.g. "Forward: y from x, MSE 1.12". */
  title: string;
  /** What the horizontal and vertical axes hold, e.g. "x" and "y". */
  xLabel: string;
  yLabel: string;
}

/** Fitted curves side by side, e.g. one model recipe on a problem and on its inverse (regression on 1-D inputs). */
export interface CurvePanelsPlot {
  kind: 'curve-panels';
  panels: CurvePanel[];
}

/** One draw per input over the data at the same inputs (sampling a conditional distribution on 1-D inputs). */
export interface SamplesPlot {
  kind: 'samples';
  /** The inputs. */
  x: Float32Array;
  /** The process's own targets at those inputs (held-out data), drawn grey. */
  data: Float32Array;
  /** The learner's draws, one per input. */
  samples: Float32Array;
}

/**
 * A 2-D embedding of images (PCA, kernel PCA, t-SNE, a clustering), each point coloured by its label: the hidden
 * digit, which the grader adds after the run (the learner's code never sees it), or a cluster.
 */
export interface EmbeddingPlot {
  kind: 'embedding';
  /** Point i is (points[2i], points[2i + 1]). */
  points: Float32Array;
  /** labels[i]: point i's class, 0 … 11 (six colours, filled then hollow). */
  labels: Int32Array;
  /** What the axes hold, e.g. "component 1" (t-SNE's axes mean nothing: say so). */
  xLabel: string;
  yLabel: string;
}

/** Rows of small grey images, e.g. held-out digits over their reconstructions. */
export interface ImageGridPlot {
  kind: 'image-grid';
  /** Each image's height and width in pixels. */
  rows: number;
  cols: number;
  /** One strip per row of the grid: a label and its images, `count·rows·cols` grey values in [0, 1], row-major. */
  strips: { label: string; images: Float32Array }[];
}

/**
 * A predicted conditional density p(y | x) as a heat map over (input, target), with held-out points drawn over it
 * (a mixture density network on 1-D inputs): where the branches are, how wide, and how the weight moves between them.
 */
export interface MixtureDensityPlot {
  kind: 'mixture-density';
  /** The grid's input range (its columns, left to right) and target range (its rows, bottom to top). */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  columns: number;
  rows: number;
  /** p(y | x) at each cell's centre, row-major from the bottom row (y0), `rows` × `columns`. */
  density: Float32Array;
  /** Held-out points (input, target), drawn over the heat map. */
  x: Float32Array;
  y: Float32Array;
}

export type Plot = RegionsPlot | CurvePlot | CurvePanelsPlot | SamplesPlot | EmbeddingPlot | ImageGridPlot | MixtureDensityPlot;

/** Options that change what is evaluated but not what is graded. */
export interface ProblemOptions {
  /** Resolution of a decision-region grid to evaluate (0 or absent: none). */
  gridSize?: number;
  /**
   * The run is drawn on a lesson page: also make the calls and evaluations that are only shown, never graded (the
   * MDN lesson's inverse problem). The instructor's grader leaves it off: an ungraded training costs a submission's
   * time (half of 01-forward-mlp's) and cannot change its grade.
   */
  onPage?: boolean;
}

/**
 * What a generator tells authors about itself, for the generator reference (`npm run grade -- --list-generators`,
 * docs/generators.md); its parameters document themselves through their schema's `.describe()`.
 */
export interface GeneratorDoc {
  /** What the generator poses, in a sentence. */
  summary: string;
  /** The learner's entry: what it receives and returns, and what the runtime evaluates on that. */
  entry: string;
  /** Each metric a check may bound, by name (`maxError:<GATE>` for one per parameter value), and what it measures. */
  metrics: Record<string, string>;
}

/** A generator an exercise.yaml may name under `data.generator`. */
export interface ProblemDef<P, H> {
  /** The task kind this generator poses (the kinds are the generators' own: graders/problems/index.ts). */
  task: TaskName;
  /**
   * Shipped image sets `make` reads (graders/datasets/digits.ts): the run loads them first (`loadProblemData`),
   * from disk in Node and over HTTP in the browser, so `make` stays synchronous.
   */
  datasets?: readonly ImageSetName[];
  doc: GeneratorDoc;
  params: z.ZodType<P>;
  /** Metric names a check may bound, for these params. */
  metrics(params: P): string[];
  make(params: P, seed: GradingSeed, options: ProblemOptions): Problem<H>;
  score(params: P, hidden: H, outputs: CallOutputs[]): Scored;
  plot?(params: P, hidden: H, outputs: CallOutputs[]): Plot | undefined;
}

/**
 * A task kind, e.g. "classification": what the runtime does with the entry's return value. Not a closed list: the
 * kinds are those the registered generators pose (`taskNames` in graders/problems/index.ts).
 */
export type TaskName = string;
