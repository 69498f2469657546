/**
 * The numbers the mixture-distributions lesson quotes, computed from the lesson's mixture by mixture-model.ts (no
 * number is typed into the page): the mixture's spread along one axis, and the averaged draw's.
 */
import { averagedMoments, componentStd, lessonMixture, mixtureMoments, twoComponentMixture } from './mixture-model.ts';

const g = twoComponentMixture(lessonMixture.weightA, lessonMixture.offset);
const two = (v: number) => v.toFixed(2);

export const mixtureNumbers = {
  /** σ of each component, per axis. */
  componentStd: two(componentStd),
  /** The equal-weight mixture's standard deviation along x (within-component plus between-component variance). */
  mixtureStd: two(mixtureMoments(g, 0).std),
  /** The standard deviation along x of ½·a + ½·b, a ∼ A, b ∼ B. */
  averagedStd: two(averagedMoments(g, 0).std),
  /** Its mean along x: the midpoint of the two means. */
  averagedMean: two(averagedMoments(g, 0).mean),
};
