/**
 * What a run streams to the page while the learner's code trains: a point of the loss curve, and live frames of
 * the page's plots. Each frame is tagged with the plot kind that draws it (src/components/plots/), so a new
 * kind of live frame (component ellipses, embeddings, bands…) is a new member here and a renderer there.
 */
import type { RegionsPlot } from '../../graders/problem.ts';

/** The model's decision regions over a call's grid, drawn before the test points are known. */
export type LiveRegions = Pick<RegionsPlot, 'kind' | 'box' | 'size' | 'gridClasses'>;

/** A live frame of one of the page's plots, tagged with its plot kind. Plain data (structured-cloneable). */
export type LivePlot = LiveRegions;

/** A point of the live loss curve, and the live plots the learner's report produced (at most a few a second). */
export interface ProgressEvent {
  step: number;
  loss: number;
  /** Present only when the learner passed something a live plot can draw (today: its model, on a grid call). */
  plots?: LivePlot[];
}
