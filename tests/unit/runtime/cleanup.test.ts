/**
 * Class 6 of the hardening issue: the runtime's clean-up is documented "never throws", and an error message names
 * what really happened. A correct model whose `optimizer` getter threw made disposeReturned throw, the child
 * died, and the report blamed process.exit(). Real tfjs (WASM), in this process.
 */
import { describe, expect, it } from 'vitest';
import { useNodeBackend } from '../../../src/runtime/node-backend.ts';
import { disposeReturned, realmIsThenable } from '../../../src/runtime/run-learner.ts';
import { blobsId, gradeInProcess, solutionWith } from '../../helpers/exercise.ts';

const throwing = (what: string) => {
  throw new Error(what);
};

describe('disposeReturned never throws', () => {
  it.each([
    ['an optimizer getter that throws', () => Object.defineProperty({ predict: () => 0 }, 'optimizer', { get: () => throwing('optimizer') })],
    ['a dispose that throws', () => ({ dispose: () => throwing('dispose') })],
    ['a dispose getter that throws', () => Object.defineProperty({}, 'dispose', { get: () => throwing('dispose getter') })],
    ['a Proxy whose every trap throws', () => new Proxy({}, { get: () => throwing('get'), has: () => throwing('has'), ownKeys: () => throwing('ownKeys'), getPrototypeOf: () => throwing('proto') })],
    ['a revoked Proxy', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return proxy;
    }],
    ['an object holding revoked Proxies and throwing getters', () => {
      const { proxy, revoke } = Proxy.revocable({}, {});
      revoke();
      return { a: proxy, get b() { return throwing('b'); } };
    }],
    ['null', () => null],
    ['a number', () => 3],
  ])('%s', async (_what, make) => {
    const tf = await useNodeBackend('wasm');
    expect(() => disposeReturned(tf, make())).not.toThrow();
  });

  it('still disposes a model and a tensor in a returned object', async () => {
    const tf = await useNodeBackend('wasm');
    const before = tf.memory().numTensors;
    const t = tf.ones([3]);
    disposeReturned(tf, { t, get bad() { return throwing('bad'); } });
    expect(t.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('honest grades and honest messages', () => {
  it('a correct model whose optimizer getter throws passes', async () => {
    const src = solutionWith(blobsId, 'return model;', "Object.defineProperty(model, 'optimizer', { get() { throw new Error('no optimizer for you'); } });\n  return model;");
    const r = await gradeInProcess(blobsId, src);
    expect(r.error).toBeNull();
    expect(r.status).toBe('passed');
  }, 30_000);

  it('a thrown value that cannot be read is named as such', async () => {
    const src = `export async function train() {\n  const { proxy, revoke } = Proxy.revocable({}, {});\n  revoke();\n  throw proxy;\n}\n`;
    const r = await gradeInProcess(blobsId, src);
    expect(r.error?.kind).toBe('thrown');
    expect(r.error?.message).toMatch(/threw a value that cannot even be read/);
  });

  it('a then on Object.prototype is named, and removed so the runtime is not handed to it again', async () => {
    const src = solutionWith(blobsId, 'return model;', "Object.defineProperty(Object.prototype, 'then', { configurable: true, get() { return undefined; } });\n  return model;");
    const r = await gradeInProcess(blobsId, src);
    expect(r.error).toMatchObject({ kind: 'bad-output' });
    expect(r.error?.message).toMatch(/defined a "then" property on Object.prototype/);
    expect(realmIsThenable()).toBeUndefined();
    expect('then' in {}).toBe(false);
  }, 30_000);
});
