/**
 * Reading and cleaning up values the learner's code made, without trusting them: getters may throw, Proxies may
 * trap anything, and the learner may have patched the realm's prototypes.
 */
import type { LearnerRunResult, Tfjs } from './run-learner.ts';

/** `value[key]` without trusting `value`: a throwing getter, a Proxy trap or a revoked Proxy gives undefined. */
export function safeGet(value: unknown, key: string): unknown {
  try {
    return value !== null && (typeof value === 'object' || typeof value === 'function') ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

/** `value instanceof C` without trusting `value` (a Proxy's getPrototypeOf trap may throw). */
export function isA(value: unknown, C: abstract new (...a: never[]) => unknown): boolean {
  try {
    return value instanceof C;
  } catch {
    return false;
  }
}

/**
 * Disposes what a call returned (models, their optimizers, tensors in a returned object). Never throws, whatever
 * the value: getters that throw (a model whose `optimizer` getter throws got its honest grade only once this was
 * true), Proxies, revoked Proxies, a `dispose` that throws. Nothing the grade depends on happens here.
 */
export function disposeReturned(tf: Tfjs, value: unknown): void {
  const targets: unknown[] = [value, safeGet(value, 'optimizer')];
  try {
    if (value && typeof value === 'object' && !isA(value, tf.Tensor) && typeof safeGet(value, 'predict') !== 'function')
      for (const k of Object.keys(value).slice(0, 1000)) {
        // One getter at a time: a throwing one must not stop the clean-up of the others.
        const v = safeGet(value, k);
        targets.push(v, safeGet(v, 'optimizer'));
      }
  } catch {
    // A Proxy whose ownKeys trap throws, or a revoked one: dispose what we already have.
  }
  for (const t of targets) {
    // LayersModel.dispose() keeps an optimizer passed in as an instance (tf.train.sgd(…)), hence the second target.
    const dispose = safeGet(t, 'dispose');
    if (typeof dispose !== 'function') continue;
    try {
      (dispose as () => void).call(t);
    } catch {
      // Already disposed, or a hand-rolled object: nothing the grade depends on.
    }
  }
}

/**
 * Whether the learner's code made every object a "thenable" (a `then` on Object.prototype or a built-in
 * prototype), and if so removes it. Each `await` in this runtime would hand control, and the value, to that
 * `then`: the runtime's own results could not be trusted, so the run stops with that reason. (`in` does not call
 * a getter.)
 */
export function realmIsThenable(): string | undefined {
  const probes: [string, unknown][] = [
    ['Object.prototype', {}],
    ['Array.prototype', []],
    ['Function.prototype', () => undefined],
    ['Float32Array.prototype', new Float32Array(0)],
  ];
  let found: string | undefined;
  for (const [name, probe] of probes) {
    try {
      if (!('then' in (probe as object))) continue;
      found ??= name;
      // Removed where it can be, so the runtime's own awaits after this point (and the promise of its result)
      // are not handed to it. A non-configurable one stays: the grader validates what comes back in any case.
      for (let o: object | null = probe as object; o; o = Object.getPrototypeOf(o)) if (Object.hasOwn(o, 'then')) Reflect.deleteProperty(o, 'then');
    } catch {
      found ??= name;
    }
  }
  return found;
}

/** The result of a run stopped because the realm became thenable (see realmIsThenable). */
export const thenableError = (where: string, proto: string): LearnerRunResult => ({
  ok: false,
  error: {
    kind: 'bad-output',
    message: `Your code defined a "then" property on ${proto}${where}, which turns every object into a promise-like value; the grader cannot read results through it. Remove it.`,
  },
});
