/**
 * Length-prefixed JSON frames: the only format that crosses the pipes between the grader and a graded child
 * (child-runner.ts, node-child.ts). A frame is a 4-byte big-endian byte length, then that many bytes of UTF-8 JSON.
 *
 * The decoder runs in the grader on bytes the learner's code controls (it owns the child's realm and can write
 * straight onto the result descriptor), so it never throws, rejects a length prefix above the frame limit
 * *before* buffering anything of that frame, and counts every byte against a per-child budget. Plain JSON only:
 * no V8 deserialisation of hostile bytes, no handles, no prototypes.
 */

/** Bytes of the length prefix. */
export const FRAME_HEADER_BYTES = 4;

/** Encodes one value as a frame (the child's side; JSON.stringify must be the realm's original, see node-child.ts). */
export function encodeFrame(json: string): Buffer {
  const body = Buffer.from(json, 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame.writeUInt32BE(body.length, 0);
  body.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

export interface FrameLimits {
  /** Largest frame body accepted, in bytes. */
  maxFrameBytes: number;
  /** All bytes accepted from one child over its whole run (headers included). */
  maxTotalBytes: number;
}

/** What went wrong with the byte stream, in words a report can show. */
export type FrameProblem =
  | { kind: 'frame-too-large'; bytes: number; limit: number }
  | { kind: 'budget'; bytes: number; limit: number }
  | { kind: 'not-json'; detail: string }
  | { kind: 'truncated'; bytes: number };

/** A message for the report, naming the limit and the numbers. */
export function describeFrameProblem(p: FrameProblem): string {
  switch (p.kind) {
    case 'frame-too-large':
      return `a message of ${p.bytes} bytes was announced on the result channel; the limit is ${p.limit} bytes`;
    case 'budget':
      return `the process sent more than ${p.limit} bytes to the grader (at least ${p.bytes}); the budget per submission is ${p.limit} bytes`;
    case 'not-json':
      return `the result channel carried bytes that are not a JSON message (${p.detail.replace(/[^\x20-\x7e]/g, '?')})`;
    case 'truncated':
      return `the result channel ended in the middle of a message (${p.bytes} bytes of it had arrived)`;
  }
}

/**
 * A streaming decoder: `push(chunk)` returns the complete frames' parsed values, or the first problem (after
 * which it accepts nothing more). Never throws, whatever the bytes.
 */
export class FrameDecoder {
  private readonly limits: FrameLimits;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private total = 0;
  private problem: FrameProblem | undefined;
  private readonly reviver: ((key: string, value: unknown) => unknown) | undefined;

  /** `reviver` is for trusted streams only (the child reading the grader's request). */
  constructor(limits: FrameLimits, reviver?: (key: string, value: unknown) => unknown) {
    this.limits = limits;
    this.reviver = reviver;
  }

  /** Bytes accepted so far. */
  get bytes(): number {
    return this.total;
  }

  /** Bytes held for an incomplete frame (never more than a header and one frame under the limit). */
  get pending(): number {
    return this.buffered;
  }

  /** The problem that stopped the decoder, if any. */
  get failed(): FrameProblem | undefined {
    return this.problem;
  }

  push(chunk: Uint8Array): { values: unknown[]; problem?: FrameProblem } {
    const values: unknown[] = [];
    if (this.problem) return { values, problem: this.problem };
    try {
      this.total += chunk.length;
      if (this.total > this.limits.maxTotalBytes) return this.stop({ kind: 'budget', bytes: this.total, limit: this.limits.maxTotalBytes }, values);
      this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
      this.buffered += chunk.length;
      for (;;) {
        if (this.buffered < FRAME_HEADER_BYTES) break;
        const head = this.peek(FRAME_HEADER_BYTES);
        const length = head.readUInt32BE(0);
        // Rejected on the prefix alone: a 256 MB claim never makes the grader wait for (or hold) 256 MB.
        if (length > this.limits.maxFrameBytes) return this.stop({ kind: 'frame-too-large', bytes: length, limit: this.limits.maxFrameBytes }, values);
        if (this.buffered < FRAME_HEADER_BYTES + length) break;
        const frame = this.take(FRAME_HEADER_BYTES + length);
        let value: unknown;
        try {
          value = JSON.parse(frame.toString('utf8', FRAME_HEADER_BYTES), this.reviver);
        } catch (e) {
          return this.stop({ kind: 'not-json', detail: String((e as Error)?.message ?? e).slice(0, 120) }, values);
        }
        values.push(value);
      }
      return { values };
    } catch (e) {
      // Unreachable by design; a decoder bug must still not throw in the grader.
      return this.stop({ kind: 'not-json', detail: `decoder error: ${String((e as Error)?.message ?? e).slice(0, 120)}` }, values);
    }
  }

  /** Call at end of stream: a problem if a frame was left incomplete. */
  end(): FrameProblem | undefined {
    if (this.problem) return this.problem;
    if (this.buffered > 0) this.problem = { kind: 'truncated', bytes: this.buffered };
    return this.problem;
  }

  private stop(p: FrameProblem, values: unknown[]) {
    this.problem = p;
    this.chunks = [];
    this.buffered = 0;
    return { values, problem: p };
  }

  private peek(n: number): Buffer {
    if (this.chunks[0]!.length < n) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, n);
  }

  private take(n: number): Buffer {
    const all = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    const frame = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return frame;
  }
}

const typedArrays = { Float32Array, Float64Array, Int32Array, Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array } as const;
type TypedName = keyof typeof typedArrays;

/**
 * JSON.stringify replacer for the grader's request: typed arrays (training data, inputs to evaluate) become
 * `{ $typed: name, base64 }`, their bytes in base64, so the child gets the same types and bit-for-bit the same
 * values back with `reviveTyped`. Bytes rather than a list of numbers because the request is start-up time of
 * every graded child: the spiral's is 80 KB instead of 247 KB, and no number is formatted or parsed one by one
 * (25–55 ms to write and read the list in a fresh process on a busy machine, under 4 ms as bytes). The grader
 * and its child run on one machine, so they agree on byte order. Only the request uses it; the child's messages
 * are plain JSON and are validated, not revived.
 */
export function replaceTyped(_key: string, value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const name = value.constructor.name;
    if (Object.hasOwn(typedArrays, name)) return { $typed: name, base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  }
  return value;
}

/** JSON.parse reviver, the inverse of `replaceTyped` (the child's side; the request comes from the grader). */
export function reviveTyped(_key: string, value: unknown): unknown {
  if (value && typeof value === 'object' && '$typed' in value && 'base64' in value) {
    const { $typed, base64 } = value as { $typed: unknown; base64: unknown };
    if (typeof $typed !== 'string' || !Object.hasOwn(typedArrays, $typed) || typeof base64 !== 'string') return value;
    const bytes = Buffer.from(base64, 'base64');
    const Typed = typedArrays[$typed as TypedName];
    if (bytes.length % Typed.BYTES_PER_ELEMENT !== 0) return value;
    // A copy into a fresh, aligned buffer: the decoded bytes may sit at any offset of Node's buffer pool.
    const out = new Typed(bytes.length / Typed.BYTES_PER_ELEMENT);
    new Uint8Array(out.buffer).set(bytes);
    return out;
  }
  return value;
}
