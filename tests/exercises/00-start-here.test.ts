/**
 * The Start here exercises check themselves (the rules live in tests/helpers/corpus.ts), and the training-loop
 * exercise's named wrong variants (scripts/start-here/training-loop-variants.ts, the same table its bounds were
 * measured with) each fail the check they are meant to fail, graded on real tfjs WASM.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExercise } from '../../graders/exercise-files.ts';
import type { GradeReport } from '../../graders/report.ts';
import { useNodeBackend } from '../../src/runtime/node-backend.ts';
import { describeModuleCorpus } from '../helpers/corpus.ts';
import { expectNoTensorLeak, gradeInProcess } from '../helpers/exercise.ts';
import { trainingLoopId, variantSource, variants } from '../../scripts/start-here/training-loop-variants.ts';

describeModuleCorpus('00-start-here');

describe('01-training-loop: each wrong variant fails its intended check; plain gradient descent written another way passes', () => {
  const reports = new Map<string, GradeReport>();
  beforeAll(async () => {
    await useNodeBackend('wasm');
    const { solution } = loadExercise(trainingLoopId);
    for (const v of variants) reports.set(v.name, await gradeInProcess(trainingLoopId, variantSource(solution, v), 3));
  }, 300_000);

  it.each(variants.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const report = reports.get(v.name)!;
    if (v.fails === undefined) return expect(report.status, JSON.stringify(report.error ?? report.checks)).toBe('passed');
    expect(report.status).not.toBe('passed');
    if ('error' in v.fails) return expect(report.error?.message).toContain(v.fails.error);
    const { metric, side } = v.fails;
    const c = report.checks.find((x) => x.metric === metric);
    expect(c?.passed, JSON.stringify(report.checks)).toBe(false);
    expect(side === 'tooLow' ? c!.value < c!.min! : c!.value > c!.max!).toBe(true);
  });

  it('grading leaves no tensor behind, for the solution and for the starter', () => expectNoTensorLeak(trainingLoopId));
});
