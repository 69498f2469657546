import { describe, expect, it } from 'vitest';
import { parseExerciseYaml } from '../../../graders/exercise-files.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { stringify, parse } from 'yaml';
import { blobsId } from '../../helpers/exercise.ts';

const valid = () => parse(stringify(loadExercise(blobsId).meta)) as Record<string, any>;
const check = (y: Record<string, any>) => () => parseExerciseYaml(stringify(y), 'x/y', 'exercises/x/y/exercise.yaml');

describe('exercise.yaml schema', () => {
  it('accepts the real exercise (id removed)', () => {
    const y = valid();
    delete y.id;
    expect(check(y)().title).toBe('Classify four Gaussian blobs');
  });

  describe.each([
    // [what is wrong, how to break it, text the error must contain]
    ['unknown field', (y: any) => (y.colour = 'blue'), 'colour'],
    ['missing title', (y: any) => delete y.title, 'title'],
    ['wrong formatVersion', (y: any) => (y.formatVersion = 2), 'formatVersion'],
    ['check without bounds', (y: any) => (y.checks[0] = { metric: 'testAccuracy', label: 'A', derivation: 'd' }), 'needs `min`, `max` or both'],
    ['min above max', (y: any) => Object.assign(y.checks[0], { min: 0.9, max: 0.5 }), 'min (0.9) is above max (0.5)'],
    ['min without a teaching message', (y: any) => delete y.checks[0].tooLow, 'checks.0.tooLow'],
    ['check without derivation', (y: any) => delete y.checks[0].derivation, 'checks.0.derivation'],
    ['unknown metric', (y: any) => (y.checks[0].metric = 'f1'), 'checks.0.metric'],
    ['unknown generator', (y: any) => (y.data.generator = 'moons'), 'data.generator'],
    ['bad generator params', (y: any) => (y.data.params.std = -1), 'data.params.std'],
    ['ragged centres', (y: any) => (y.data.params.centers[1] = [1, 2, 3]), 'same number of coordinates'],
    ['entry that is not an identifier', (y: any) => (y.entry = 'my train'), 'entry'],
    ['timeout too long', (y: any) => (y.timeoutMs = 10_000_000), 'timeoutMs'],
    ['precision other than float32', (y: any) => (y.precision = { needs: 'float16', why: 'x' }), 'precision.needs'],
    ['precision without a why', (y: any) => (y.precision = { needs: 'float32' }), 'precision.why'],
    ['precision why ending in a period', (y: any) => (y.precision = { needs: 'float32', why: 'its tiny norms.' }), 'too coarse for <why>'],
  ])('rejects %s', (_what, breakIt, expected) => {
    it('with a message naming the file and the field', () => {
      const y = valid();
      delete y.id;
      breakIt(y);
      expect(check(y)).toThrow(/exercises\/x\/y\/exercise\.yaml is not a valid exercise/);
      expect(check(y)).toThrow(expected);
    });
  });

  it('leaves precision out by default and accepts float32 with a why', () => {
    const y = valid();
    delete y.id;
    expect(check(y)().precision).toBeUndefined();
    y.precision = { needs: 'float32', why: "this exercise's 4e-15 gradient norms" };
    expect(check(y)().precision).toEqual(y.precision);
  });

  it('rejects YAML that does not parse, naming the file', () => {
    expect(() => parseExerciseYaml('title: [unclosed', 'x/y', 'exercises/x/y/exercise.yaml')).toThrow(/exercises\/x\/y\/exercise\.yaml is not valid YAML/);
  });
});
