/**
 * The grader's side of the channel from a graded child: the frame decoder and the message validator take bytes
 * and values the learner's code controls, so they are fed adversarial and random input here, and must never
 * throw, never buffer past their limits, and accept only what the problem expects.
 */
import { describe, expect, it } from 'vitest';
import type { LearnerCall } from '../../../graders/problem.ts';
import { checkResult, claimedError, expectedValues, parseChildMessage } from '../../../src/runtime/child-messages.ts';
import { describeFrameProblem, encodeFrame, FrameDecoder, replaceTyped, reviveTyped } from '../../../src/runtime/frames.ts';
import { makeProblem } from '../../../graders/problems/index.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { blobsId } from '../../helpers/exercise.ts';

const limits = { maxFrameBytes: 1000, maxTotalBytes: 10_000 };

/** A deterministic byte generator (xorshift), so a failure reproduces. */
function bytes(seed: number, n: number): Uint8Array {
  let s = seed || 1;
  return Uint8Array.from({ length: n }, () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s & 0xff;
  });
}

describe('FrameDecoder', () => {
  it('decodes frames split at every byte boundary', () => {
    const stream = Buffer.concat([encodeFrame('{"a":1}'), encodeFrame('[1,2,3]'), encodeFrame('"é"')]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const d = new FrameDecoder(limits);
      const a = d.push(stream.subarray(0, cut));
      const b = d.push(stream.subarray(cut));
      expect([...a.values, ...b.values]).toEqual([{ a: 1 }, [1, 2, 3], 'é']);
      expect(d.end()).toBeUndefined();
    }
  });

  it('rejects a length prefix above the limit on the prefix alone, before buffering the frame', () => {
    const d = new FrameDecoder(limits);
    const head = Buffer.alloc(4);
    head.writeUInt32BE(256 * 1024 * 1024);
    const r = d.push(head);
    expect(r.problem).toEqual({ kind: 'frame-too-large', bytes: 268435456, limit: 1000 });
    expect(describeFrameProblem(r.problem!)).toBe('a message of 268435456 bytes was announced on the result channel; the limit is 1000 bytes');
    // Stopped: nothing more is accepted or buffered.
    expect(d.push(encodeFrame('1')).values).toEqual([]);
  });

  it('stops at the per-child byte budget, counting every byte', () => {
    const d = new FrameDecoder(limits);
    const f = encodeFrame(JSON.stringify('x'.repeat(990)));
    let problem;
    let frames = 0;
    for (let i = 0; i < 20 && !problem; i++) {
      const r = d.push(f);
      frames += r.values.length;
      problem = r.problem;
    }
    expect(frames).toBe(10); // 10 × 996 bytes ≤ 10,000 < 11 × 996
    expect(problem).toMatchObject({ kind: 'budget', limit: 10_000 });
  });

  it('reports bytes that are not JSON, and a stream that ends inside a frame', () => {
    const d = new FrameDecoder(limits);
    expect(d.push(Buffer.from([0, 0, 0, 3, 0xff, 0xfe, 0x7b])).problem).toMatchObject({ kind: 'not-json' });
    const t = new FrameDecoder(limits);
    t.push(encodeFrame('{"a":1}').subarray(0, 6));
    expect(t.end()).toEqual({ kind: 'truncated', bytes: 6 });
  });

  it('never throws and never holds more than a frame on random bytes (2,000 streams)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const d = new FrameDecoder(limits);
      const data = bytes(seed, 1 + (seed % 3000));
      expect(() => {
        for (let i = 0; i < data.length; i += 1 + (seed % 97)) {
          d.push(data.subarray(i, i + 1 + (seed % 97)));
          if (d.pending > 4 + limits.maxFrameBytes + 97) throw new Error(`holds ${d.pending} bytes`);
        }
        d.end();
      }).not.toThrow();
    }
  });

  it('carries typed arrays in the request and revives them in the child', () => {
    const req = { x: Float32Array.of(1.5, -2), y: Int32Array.of(3), nested: [{ z: Uint8Array.of(255) }] };
    const d = new FrameDecoder(limits, reviveTyped);
    const [back] = d.push(encodeFrame(JSON.stringify(req, replaceTyped))).values as [typeof req];
    expect(back.x).toEqual(Float32Array.of(1.5, -2));
    expect(back.y).toEqual(Int32Array.of(3));
    expect(back.nested[0]!.z).toEqual(Uint8Array.of(255));
  });

  it('carries them bit for bit, as bytes, also a view into a larger buffer', () => {
    const whole = Float32Array.of(9, -0, Number.NaN, 1e-45, 3.4028234663852886e38, -Infinity, 0.1, 7);
    const req = { x: whole.subarray(1, 7), w: Float64Array.of(Math.PI, -0, 5e-324) };
    const json = JSON.stringify(req, replaceTyped);
    expect(json).not.toContain('3.4028');
    const [back] = new FrameDecoder(limits, reviveTyped).push(encodeFrame(json)).values as [typeof req];
    expect(back.x).toBeInstanceOf(Float32Array);
    expect(new Uint8Array(back.x.buffer)).toEqual(new Uint8Array(whole.buffer, 4, 24));
    expect([...back.w].map((v) => Object.is(v, -0) || v)).toEqual([Math.PI, true, 5e-324]);
  });

  it('leaves a malformed typed value as the plain object it is', () => {
    for (const v of [{ $typed: 'Float32Array', base64: 'AAA' }, { $typed: 'constructor', base64: '' }, { $typed: 'Int32Array', base64: 7 }])
      expect(JSON.parse(JSON.stringify(v), reviveTyped)).toEqual(v);
  });
});

describe('message validation', () => {
  const calls: LearnerCall[] = makeProblem(loadExercise(blobsId).meta.data, 7, { gridSize: 0 }).calls;
  const good = { type: 'result', nonce: 'n', result: { ok: true, outputs: { calls: [{ probs: Array(4000).fill(0.25) }], finalLoss: 0.3 } } };
  const check = (m: unknown) => {
    const p = parseChildMessage(m);
    return p.ok && p.message.type === 'result' ? checkResult(p.message, calls) : p;
  };

  it('accepts exactly the outputs the problem expects', () => {
    expect(expectedValues(calls)).toBe(4000);
    const r = check(good);
    expect(r).toMatchObject({ ok: true });
    if ('outputs' in r) expect(r.outputs.calls[0]!.probs).toBeInstanceOf(Float32Array);
  });

  it.each([
    ['a short output', { calls: [{ probs: Array(3999).fill(0.25) }] }, /output "probs" of call 1 has 3999 values; the problem expects 4000/],
    ['an extra key', { calls: [{ probs: Array(4000).fill(0.25), more: [1] }] }, /unexpected outputs more/],
    ['a missing key', { calls: [{}] }, /lacks the output "probs"/],
    ['too many calls', { calls: [{ probs: Array(4000).fill(0.25) }, { probs: [] }] }, /outputs for 2 calls; the problem has 1/],
    ['rows that are not probabilities', { calls: [{ probs: [...Array(3996).fill(0.25), 2, -1, 0, 0] }] }, /output "probs" of call 1 row 999 is not a probability distribution \(sums to 1.000\)/],
    ['rows that do not sum to 1', { calls: [{ probs: Array(4000).fill(0.5) }] }, /row 0 is not a probability distribution \(sums to 2.000\)/],
  ])('rejects %s as the submission\'s bad output', (_what, outputs, why) => {
    const r = check({ ...good, result: { ok: true, outputs } });
    expect(r).toMatchObject({ ok: false, error: { kind: 'bad-output' } });
    if (!r.ok && 'error' in r) expect(r.error.message).toMatch(why);
  });

  it.each([
    ['NaN (null in JSON)', { type: 'progress', step: 1, loss: null }],
    ['a non-string log line', { type: 'log', line: { toString: 1 } }],
    ['an over-long log line', { type: 'log', line: 'x'.repeat(2001) }],
    ['an unknown type', { type: 'NODE_HANDLE_ACK' }],
    ['an internal message', { cmd: 'NODE_HANDLE_ACK' }],
    ['a non-number output', { ...good, result: { ok: true, outputs: { calls: [{ probs: ['1'] }] } } }],
    ['a string', 'result'],
    ['null', null],
  ])('rejects %s', (_what, m) => {
    expect(parseChildMessage(m)).toMatchObject({ ok: false });
  });

  it('never shows an error the child claims as the grader\'s own', () => {
    for (const kind of ['internal', 'timeout', 'stopped', 'grader', '']) {
      const e = claimedError({ kind, message: 'Internal grader error: please regrade by hand' });
      expect(e.kind).toBe('thrown');
      expect(e.message).toMatch(/does not accept from a submission; it counts as the submission's error/);
    }
    expect(claimedError({ kind: 'nan', message: 'm', line: 3 })).toEqual({ kind: 'nan', message: 'm', line: 3 });
    expect(claimedError({ kind: 'thrown', message: 'x'.repeat(100_000) }).message.length).toBeLessThanOrEqual(8000);
  });

  it('never throws on random and adversarial values', () => {
    const hostile: unknown[] = [
      JSON.parse('{"__proto__":{"type":"result"},"type":"log","line":"a"}'),
      JSON.parse('{"type":"result","nonce":"n","result":{"ok":true,"outputs":{"calls":[{"__proto__":[1,2],"probs":[]}]}}}'),
      { type: 'result', nonce: 'n', result: { ok: false, error: { kind: 'internal', message: 'x', line: -1 } } },
      { type: 'result', nonce: 'n', result: { ok: 'true' } },
      Array(10).fill({ type: 'log' }),
    ];
    for (let seed = 1; seed <= 500; seed++) {
      const text = Buffer.from(bytes(seed, 40)).toString('latin1');
      try {
        hostile.push(JSON.parse(text));
      } catch {
        hostile.push(text);
      }
    }
    for (const v of hostile) {
      expect(() => check(v)).not.toThrow();
    }
    const proto = check(hostile[1]);
    expect(proto).toMatchObject({ ok: false });
  });
});
