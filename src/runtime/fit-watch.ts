/**
 * Notices a `model.fit(…)` that the learner's code did not await (issue 15: "training never ran"). fit returns a
 * Promise and trains only while the event loop runs it; code that calls it without `await` returns an untrained model
 * (or one mid-training), and its checks then fail with numbers that say nothing about why.
 *
 * While the learner's entry runs, `fit` on tfjs's models returns a Promise subclass whose `then` records that
 * something waited for it (`await`, `.then`, `.catch` all call it; a native promise's `await` would not be
 * observable). A fit nobody waited for is orphaned: its rejection (the data disposed under it) is handled here, so it
 * cannot crash the grading child, and run-learner.ts reports it by name.
 */
import type { Tfjs } from './run-learner.ts';

interface FitCall {
  awaited: boolean;
}

/** A Promise that records being waited for; promises derived from it (then, catch) are plain ones. */
class WatchedFit<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }
  call: FitCall = { awaited: false };
  override then<A = T, B = never>(onFulfilled?: ((v: T) => A | PromiseLike<A>) | null, onRejected?: ((e: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.call.awaited = true;
    return super.then(onFulfilled, onRejected);
  }
}

function watched(inner: Promise<unknown>, call: FitCall): Promise<unknown> {
  const p = new WatchedFit<unknown>((resolve, reject) => {
    inner.then(resolve, reject);
  });
  p.call = call;
  // Handled here, without counting as waited for: an orphaned fit that fails is reported, not an unhandled rejection.
  Promise.prototype.then.call(p, undefined, () => undefined);
  return p;
}

/**
 * Watches `fit` on tfjs's Sequential and LayersModel until `restore()`: `unawaited()` counts the calls nothing waited
 * for. Only the outermost call counts (Sequential.fit calls LayersModel.fit and returns its promise).
 */
export function watchFits(tf: Tfjs): { unawaited(): number; restore(): void } {
  const calls: FitCall[] = [];
  let depth = 0;
  const restores: (() => void)[] = [];
  for (const proto of [tf.Sequential.prototype, tf.LayersModel.prototype] as object[]) {
    const own = Object.getOwnPropertyDescriptor(proto, 'fit');
    if (!own || typeof own.value !== 'function') continue;
    const original = own.value as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(proto, 'fit', {
      ...own,
      value: function fit(this: unknown, ...args: unknown[]): Promise<unknown> {
        if (depth > 0) return original.apply(this, args);
        depth++;
        let inner: Promise<unknown>;
        try {
          inner = original.apply(this, args);
        } finally {
          depth--;
        }
        const call = { awaited: false };
        calls.push(call);
        return watched(inner, call);
      },
    });
    restores.push(() => Object.defineProperty(proto, 'fit', own));
  }
  return {
    unawaited: () => calls.filter((c) => !c.awaited).length,
    restore: () => restores.forEach((r) => r()),
  };
}
