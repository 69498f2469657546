/**
 * What a run streams to the page while the learner's code trains: a point of the loss curve (and of the
 * validation curve), and live frames of the page's plots. Each frame is tagged with the plot kind that draws it
 * (src/components/plots/). Two sources: frames the runtime computes from the model the learner reports (regions),
 * and frames the learner computes and reports itself, each checked against its kind's schema (live-frames/). A
 * new kind of live frame (component ellipses, image grids, bands…) is a member here and a renderer there.
 */
import type { RegionsPlot } from '../../graders/problem.ts';
import type { LearnerPlot } from './live-frames/index.ts';

/**
 * The model's decision regions over a call's grid, drawn before the test points are known, with the training points
 * the learner's code is fitting (when the call's argument has 2-D points and labels), so the live plot shows what the
 * regions are being fitted to.
 */
export type LiveRegions = Pick<RegionsPlot, 'kind' | 'box' | 'size' | 'gridClasses'> & Partial<Pick<RegionsPlot, 'x' | 'y'>>;

/** A live frame of one of the page's plots, tagged with its plot kind. Plain data (structured-cloneable). */
export type LivePlot = LiveRegions | LearnerPlot;

/** A point of the live loss curve, and the live plots the learner's report produced (at most a few a second). */
export interface ProgressEvent {
  step: number;
  loss: number;
  /** The validation loss the learner reported at this step, when it reported a finite one. */
  valLoss?: number;
  /** The step the training will end after (Progress.epochs − 1, shifted like `step` over several calls), when known. */
  last?: number;
  /** Present only when the learner passed something a live plot can draw: its model (on a grid call), or frames. */
  plots?: LivePlot[];
}
