/**
 * Colours a learner's live scatter frames by labels only the grader knows (Problem.frameLabels): the digits under a
 * t-SNE map as it forms. Applied where the run's progress reaches the page (run-exercise.ts), after the learner's
 * code has reported the frame, so the labels travel from the grader to the page and never into the learner's code.
 */
import type { ProgressEvent } from '../progress.ts';

/**
 * The event with `labels` added to each scatter frame that has exactly `labels.length` points and no labels of
 * its own; every other frame, and an event without frames, is returned as it came.
 */
export function labelScatterFrames(event: ProgressEvent, labels: ArrayLike<number> | undefined): ProgressEvent {
  if (!labels || !event.plots) return event;
  const plots = event.plots.map((p) => (p.kind === 'scatter' && p.labels === undefined && p.points.length === labels.length ? { ...p, labels: Array.from(labels) } : p));
  return { ...event, plots };
}
