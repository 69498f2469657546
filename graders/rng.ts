/**
 * Seeded pseudo-random numbers, identical in the browser and in Node.
 *
 * Why not Math.random: graders must regenerate the very same hidden test split from a seed, in any runtime, and
 * learner code must not be able to influence it by monkey-patching globals. sfc32 is small, fast and passes
 * PractRand; splitmix32 spreads (seed, stream) into its state so nearby seeds give unrelated streams.
 *
 * Why secret seeds are keyed: sfc32 is not cryptographic. A submission sees its training data (its float32 draws
 * leak most of the generator's bits) and can rebuild that stream's state, and from an integer seed's state the
 * seed itself (a 48-bit seed fell in seconds), then regenerate the hidden test split. So a `SecretSeed` (≥ 128
 * bits) never seeds sfc32 directly: each stream's state is HMAC-SHA-256(secret, label naming the stream), and
 * recovering one stream's state tells nothing about another stream or about the secret. Synchronous on purpose
 * (@noble/hashes, not the async Web Crypto): graders/ stays pure and runs the same in the browser and in Node.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';

/** A source of uniform numbers in [0, 1) plus the few distributions the datasets need. */
export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal N(0, 1) (Box–Muller). */
  normal(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

function splitmix32(a: number): () => number {
  return () => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return (t ^ (t >>> 15)) >>> 0;
  };
}

/** FNV-1a hash of a string, so streams can be named ("train", "test") instead of numbered. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Largest grading seed: every integer up to 2^53 − 1 is a distinct seed. */
export const maxSeed = Number.MAX_SAFE_INTEGER;

/** Fewest bytes in a grading secret: 128 bits, beyond any search. */
export const minSecretBytes = 16;

const utf8 = (s: string) => new TextEncoder().encode(s);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

/**
 * A secret grading seed: a key of at least 128 bits and its public fingerprint. The key is held in a private
 * field, so JSON.stringify, util.inspect and template strings show only `secret <fingerprint>`; nothing outside
 * this class can read it, only derive HMACs from it.
 */
export class SecretSeed {
  readonly #key: Uint8Array;
  /** First 12 hex digits of HMAC(secret, "fingerprint"): tells two secrets apart, reveals nothing of either. */
  readonly fingerprint: string;

  private constructor(key: Uint8Array, fingerprint?: string) {
    this.#key = Uint8Array.from(key);
    this.fingerprint = fingerprint ?? hex(this.mac('fingerprint')).slice(0, 12);
  }

  /** A secret from its key bytes (at least `minSecretBytes`). */
  static fromKey(key: Uint8Array): SecretSeed {
    if (key.length < minSecretBytes) throw new RangeError(`A grading secret needs at least ${minSecretBytes * 8} bits, got ${key.length * 8}.`);
    return new SecretSeed(key);
  }

  /** HMAC-SHA-256 of the secret and a label (prefixed, so no label of this module can collide with another use). */
  mac(label: string): Uint8Array {
    return hmac(sha256, this.#key, utf8(`rdl/v1/${label}`));
  }

  /**
   * The secret one exercise is graded with: a key derived for that exercise, same fingerprint. Generators name
   * their streams after themselves ('cubic/train'), not after the exercise, so two exercises on one generator
   * would otherwise share their data under one secret.
   */
  scoped(exerciseId: string): SecretSeed {
    return new SecretSeed(this.mac(`exercise/${exerciseId}`), this.fingerprint);
  }

  /** What reports show: "secret 1a2b3c4d5e6f". */
  toString(): string {
    return `secret ${this.fingerprint}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/**
 * A grading seed: an integer 0 … 2^53 − 1 (public, reproducible: the browser's self-check, `--seed N`) or a
 * secret (`--seed-file`, for marks).
 */
export type GradingSeed = number | SecretSeed;

/** True for a secret seed. */
export const isSecret = (seed: GradingSeed): seed is SecretSeed => typeof seed !== 'number';

/** The seed as a report shows it: the integer itself, or "secret <fingerprint>" (never the secret). */
export const seedLabel = (seed: GradingSeed): number | string => (isSecret(seed) ? seed.toString() : seed);

/** The seed one exercise is graded with: an integer unchanged (today's streams), a secret scoped to the exercise. */
export const forExercise = (seed: GradingSeed, exerciseId: string): GradingSeed => (isSecret(seed) ? seed.scoped(exerciseId) : seed);

/**
 * A generator for `seed` and a named `stream`. Different streams of one seed are independent, which is how the
 * train split and the hidden test split are drawn from one seed without sharing a single number.
 *
 * Integer seeds: splitmix32 of the low 32 bits and the stream's name; the high bits are mixed into the state
 * separately, so seeds below 2^32 give exactly the streams they always did (and the thresholds measured on them
 * stay valid). These are public seeds: the generator's state is recoverable from the data, and a 48-bit seed was
 * rebuilt from 06-cubic's training data in seconds (not the "years" once claimed here). Secret seeds: see the
 * module comment.
 */
export function makeRng(seed: GradingSeed, stream = ''): Rng {
  if (isSecret(seed)) {
    const v = view(seed.mac(`stream/${stream}`));
    return sfc32(v.getInt32(0), v.getInt32(4), v.getInt32(8), v.getInt32(12));
  }
  const mix = splitmix32((seed >>> 0) ^ hashString(stream));
  let a = mix(), b = mix(), c = mix(), d = mix();
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  if (high) {
    const mixHigh = splitmix32(high ^ hashString(`high/${stream}`));
    a ^= mixHigh(); b ^= mixHigh(); c ^= mixHigh(); d ^= mixHigh();
  }
  return sfc32(a, b, c, d);
}

/** sfc32 from a 128-bit state, with the distributions the datasets need. */
function sfc32(a: number, b: number, c: number, d: number): Rng {
  const next = (): number => {
    // sfc32
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // let the state mix before first use
  let spare: number | null = null;
  return {
    uniform: next,
    normal() {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      let u = 0;
      while (u === 0) u = next(); // log(0) would be -Infinity
      const v = next();
      const r = Math.sqrt(-2 * Math.log(u));
      spare = r * Math.sin(2 * Math.PI * v);
      return r * Math.cos(2 * Math.PI * v);
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
  };
}

/**
 * A seed in [0, 2^31) derived from `seed` for another purpose (e.g. ctx.seed for the learner's initializers), so
 * code that is handed it cannot regenerate the data, and so the hidden split, from it. For an integer seed this is
 * a draw of the stream `derive/<purpose>` (unchanged, one-way only in practice); for a secret, the first 31 bits
 * of HMAC(secret, "derive/<purpose>"), one-way by construction.
 */
export function deriveSeed(seed: GradingSeed, purpose: string): number {
  if (isSecret(seed)) return view(seed.mac(`derive/${purpose}`)).getUint32(0) >>> 1;
  return Math.floor(makeRng(seed, `derive/${purpose}`).uniform() * 2 ** 31);
}
