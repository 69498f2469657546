/**
 * The maths of the k-means stepper figure: 2-D points from four blobs (two of them close), a seeding (random points,
 * plain or greedy k-means++) that records the candidates it weighed, then either Lloyd's iterations (assign, then
 * update, as separate frames) or mini-batch steps (a batch, its assignments, each centre moved by 1/count). Every
 * frame is computed up front from the settings, so the slider can go back as well as forward. Plain float64 loops,
 * no tfjs.
 */
import { makeRng, type Rng } from '../../../../../graders/rng.ts';

/** Clusters the figure finds. */
export const K = 4;
/** Points drawn: 60 per blob. */
export const POINTS = 240;
/** Frames after seeding: 8 Lloyd iterations (assign + update each) or 16 mini-batch steps. */
export const STEP_FRAMES = 16;
/** Points per mini-batch. */
export const BATCH = 20;
/** Frames in all: one per seeded centre, then the steps. */
export const FRAMES = K + STEP_FRAMES;
/** Candidates per greedy k-means++ step: scikit-learn's 2 + ⌊ln k⌋. */
export const GREEDY_TRIALS = 2 + Math.floor(Math.log(K));

export type Seeding = 'random' | 'plain' | 'greedy';
export type Mode = 'full' | 'mini-batch';

export interface StepsSettings {
  mode: Mode;
  seeding: Seeding;
  /** Seed of the points and of every random choice. */
  seed: number;
  /** The frame shown, 0 … FRAMES − 1. */
  frame: number;
}

/** What one frame shows. */
export interface Frame {
  /** Centres placed so far, flat (x, y) pairs. */
  centres: number[];
  /** Each point's cluster, or null while seeding (points are grey). */
  clusters: Int32Array | null;
  /** Indices of the points in this frame's mini-batch, if any. */
  batch: number[];
  /** Seeding: the candidate points weighed for the newest centre (greedy: several), and which one was kept. */
  candidates: number[];
  chosen: number;
  /** What happens in this frame, in a sentence. */
  what: string;
  /** Inertia of all points to the centres placed so far. */
  inertia: number;
}

/** Blob centres: two far apart, two close together, so a careless seeding can put two centres in one pair. */
const BLOBS: [number, number][] = [
  [-2.2, 2],
  [2.4, 2.2],
  [-0.4, -2.2],
  [1.2, -1.4],
];

/** The figure's points: POINTS/4 from each blob, σ = 0.55, flat (x, y) pairs. */
export function blobPoints(seed: number): Float64Array {
  const rng = makeRng(seed, 'kmeans-figure:points');
  const xy = new Float64Array(POINTS * 2);
  for (let i = 0; i < POINTS; i++) {
    const [cx, cy] = BLOBS[i % BLOBS.length]!;
    xy[2 * i] = cx + 0.55 * rng.normal();
    xy[2 * i + 1] = cy + 0.55 * rng.normal();
  }
  return xy;
}

const d2 = (xy: Float64Array, i: number, c: number[], j: number) => (xy[2 * i]! - c[2 * j]!) ** 2 + (xy[2 * i + 1]! - c[2 * j + 1]!) ** 2;

/** Each point's nearest centre and the inertia. */
export function nearest(xy: Float64Array, centres: number[]): { clusters: Int32Array; inertia: number } {
  const n = xy.length / 2, k = centres.length / 2;
  const clusters = new Int32Array(n);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let j = 0; j < k; j++) {
      const s = d2(xy, i, centres, j);
      if (s < best) [best, clusters[i]] = [s, j];
    }
    inertia += best;
  }
  return { clusters, inertia };
}

/** A point drawn ∝ its squared distance to the nearest centre so far. */
function drawD2(xy: Float64Array, centres: number[], rng: Rng): number {
  const n = xy.length / 2;
  const w = Array.from({ length: n }, (_, i) => Math.min(...Array.from({ length: centres.length / 2 }, (_, j) => d2(xy, i, centres, j))));
  let u = rng.uniform() * w.reduce((a, b) => a + b, 0);
  for (let i = 0; i < n; i++) if ((u -= w[i]!) < 0) return i;
  return n - 1;
}

const point = (xy: Float64Array, i: number) => [xy[2 * i]!, xy[2 * i + 1]!];

/** Every frame for these settings: K seeding frames, then STEP_FRAMES of Lloyd's or mini-batch steps. */
export function kmeansFrames(s: Omit<StepsSettings, 'frame'>): { points: Float64Array; frames: Frame[] } {
  const xy = blobPoints(s.seed);
  const rng = makeRng(s.seed, `kmeans-figure:${s.seeding}:${s.mode}`);
  const frames: Frame[] = [];
  let centres: number[] = [];
  for (let c = 0; c < K; c++) {
    let candidates: number[], chosen: number;
    if (s.seeding === 'random' || c === 0) {
      chosen = rng.int(POINTS);
      candidates = [chosen];
    } else {
      const trials = s.seeding === 'greedy' ? GREEDY_TRIALS : 1;
      candidates = Array.from({ length: trials }, () => drawD2(xy, centres, rng));
      const potentials = candidates.map((i) => nearest(xy, [...centres, ...point(xy, i)]).inertia);
      chosen = candidates[potentials.indexOf(Math.min(...potentials))]!;
    }
    centres = [...centres, ...point(xy, chosen)];
    const what =
      s.seeding === 'random'
        ? `Seeding: centre ${c + 1} is a point drawn uniformly.`
        : c === 0
          ? 'Seeding: the first centre is a point drawn uniformly.'
          : s.seeding === 'plain'
            ? `Seeding: centre ${c + 1} is drawn with probability ∝ its squared distance to the nearest centre so far (D²).`
            : `Seeding: ${GREEDY_TRIALS} candidates drawn ∝ D² (rings); the one that lowers the inertia most is kept.`;
    frames.push({ centres, clusters: null, batch: [], candidates, chosen, what, inertia: nearest(xy, centres).inertia });
  }
  if (s.mode === 'full') {
    for (let t = 1; frames.length < FRAMES; t++) {
      const { clusters, inertia } = nearest(xy, centres);
      frames.push({ centres, clusters, batch: [], candidates: [], chosen: -1, what: `Iteration ${t}, assign: every point joins its nearest centre.`, inertia });
      const sums = new Float64Array(2 * K), counts = new Float64Array(K);
      clusters.forEach((j, i) => {
        counts[j]!++;
        sums[2 * j]! += xy[2 * i]!;
        sums[2 * j + 1]! += xy[2 * i + 1]!;
      });
      centres = centres.map((v, f) => (counts[f >> 1]! > 0 ? sums[f]! / counts[f >> 1]! : v));
      frames.push({ centres, clusters, batch: [], candidates: [], chosen: -1, what: `Iteration ${t}, update: every centre moves to the mean of its points.`, inertia: nearest(xy, centres).inertia });
    }
  } else {
    const counts = new Float64Array(K);
    for (let t = 1; frames.length < FRAMES; t++) {
      const batch = Array.from({ length: BATCH }, () => rng.int(POINTS));
      const assigned = batch.map((i) => nearest(xy.subarray(2 * i, 2 * i + 2), centres).clusters[0]!);
      centres = [...centres];
      batch.forEach((i, b) => {
        const j = assigned[b]!;
        counts[j]!++;
        centres[2 * j]! += (xy[2 * i]! - centres[2 * j]!) / counts[j]!;
        centres[2 * j + 1]! += (xy[2 * i + 1]! - centres[2 * j + 1]!) / counts[j]!;
      });
      const { clusters, inertia } = nearest(xy, centres);
      frames.push({ centres, clusters, batch, candidates: [], chosen: -1, what: `Mini-batch step ${t}: ${BATCH} points (outlined) pull their nearest centres by 1/count; counts so far ${Array.from(counts).join(', ')}.`, inertia });
    }
  }
  return { points: xy, frames };
}
