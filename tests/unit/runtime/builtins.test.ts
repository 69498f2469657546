/**
 * Every built-in module of this Node, classified by a person and checked in a child started with the sandbox's
 * own Node flags (sandbox.ts). Node 26's `node:sqlite` ignored `--permission` (it read and created files), so the
 * model alone is not trusted: a new Node version's new built-in fails the first test until someone reviews it
 * and adds it below, and each dangerous operation is tried for real.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disabledBuiltinFlags, sandboxNodeFlags } from '../../../src/runtime/sandbox.ts';

/**
 * - `disabled`: switched off by a flag in `disabledBuiltinFlags` (they bypass the permission model or reach
 *   native code); must not load at all.
 * - `permission`: reaches files, processes, threads, native code or the network, and the permission model denies
 *   that (probed below).
 * - `realm`: computation, or effects only inside the child's own JavaScript realm (the learner owns it anyway).
 */
type Class = 'disabled' | 'permission' | 'realm';
const reviewed: Record<string, Class> = {
  'node:sqlite': 'disabled',
  'node:ffi': 'disabled',
  fs: 'permission',
  'fs/promises': 'permission',
  child_process: 'permission',
  cluster: 'permission', // forks through child_process
  worker_threads: 'permission',
  inspector: 'permission',
  'inspector/promises': 'permission',
  wasi: 'permission',
  trace_events: 'permission', // writes trace files
  module: 'permission', // register() starts a loader thread; registerHooks() is in-realm only
  v8: 'permission', // writeHeapSnapshot writes a file; the rest is in-realm
  repl: 'permission', // its history file goes through fs
  'node:test': 'permission', // process isolation spawns through child_process
  net: 'permission',
  dgram: 'permission',
  dns: 'permission',
  'dns/promises': 'permission',
  http: 'permission',
  https: 'permission',
  http2: 'permission',
  tls: 'permission',
  _http_agent: 'permission',
  _http_client: 'permission',
  _http_common: 'permission',
  _http_incoming: 'permission',
  _http_outgoing: 'permission',
  _http_server: 'permission',
  _tls_common: 'permission',
  _tls_wrap: 'permission',
  'node:sea': 'realm', // reads assets of a single-executable binary only (none here)
  tty: 'realm', // wraps descriptors the child already has (0–3; the launcher closed the rest)
  assert: 'realm',
  'assert/strict': 'realm',
  async_hooks: 'realm',
  buffer: 'realm',
  console: 'realm',
  constants: 'realm',
  crypto: 'realm',
  diagnostics_channel: 'realm',
  domain: 'realm',
  events: 'realm',
  os: 'realm', // setPriority is replaced by node-child.ts
  path: 'realm',
  'path/posix': 'realm',
  'path/win32': 'realm',
  perf_hooks: 'realm',
  process: 'realm', // kill is replaced by node-child.ts; binding and dlopen are denied (probed)
  punycode: 'realm',
  querystring: 'realm',
  readline: 'realm',
  'readline/promises': 'realm',
  stream: 'realm',
  'stream/consumers': 'realm',
  'stream/promises': 'realm',
  'stream/web': 'realm',
  string_decoder: 'realm',
  sys: 'realm',
  timers: 'realm',
  'timers/promises': 'realm',
  url: 'realm',
  util: 'realm',
  'util/types': 'realm',
  vm: 'realm',
  zlib: 'realm',
  'node:test/reporters': 'realm',
};

let out: { available: Record<string, boolean>; probes: Record<string, string> };
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'rdl-builtins-'));
  const probe = path.resolve('tests/unit/runtime/builtins-probe.cjs');
  const r = spawnSync(process.execPath, [...sandboxNodeFlags(), `--allow-fs-read=${probe}`, probe, scratch, JSON.stringify(builtinModules)], { encoding: 'utf8', timeout: 30_000, env: {} });
  if (r.status !== 0) throw new Error(`probe failed (${r.status}): ${r.stderr}`);
  out = JSON.parse(r.stdout);
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('built-in modules in the sandbox', () => {
  it('every built-in module of this Node has been reviewed (a new one fails here until it is classified)', () => {
    const unreviewed = builtinModules.filter((m) => !(m in reviewed));
    expect(unreviewed, `classify these in tests/unit/runtime/builtins.test.ts after checking what they reach`).toEqual([]);
  });

  it('the disabled ones do not load, and a flag switches each off', () => {
    for (const [name, c] of Object.entries(reviewed)) if (c === 'disabled' && builtinModules.includes(name)) expect(out.available[name], name).toBe(false);
    expect(disabledBuiltinFlags).toEqual(expect.arrayContaining(['--no-experimental-sqlite', '--no-experimental-ffi']));
  });

  it('every other one loads (so the probes below test the real thing)', () => {
    for (const [name, c] of Object.entries(reviewed)) if (c !== 'disabled' && builtinModules.includes(name)) expect(out.available[name], name).toBe(true);
  });

  it.each([
    'fs write',
    'fs read outside',
    'child_process',
    'cluster',
    'worker_threads',
    'inspector',
    'wasi',
    'trace_events',
    'module.register',
    'process.binding',
    'v8.writeHeapSnapshot',
    'repl history',
    'net connect',
    'net listen',
    'dgram bind',
    'dns lookup',
  ])('%s is denied by the permission model', (probe) => {
    expect(out.probes[probe]).toBe('denied ERR_ACCESS_DENIED');
  });

  it('native code and the disabled modules cannot be reached', () => {
    expect(out.probes['process.dlopen']).toBe('denied ERR_DLOPEN_DISABLED');
    expect(out.probes['sqlite']).toBe('denied TypeError'); // getBuiltinModule gave undefined
    expect(out.probes['ffi']).toBe('denied TypeError');
    expect(out.probes['inspector/promises']).toMatch(/^denied /);
  });

  it('left no file behind', () => {
    expect(readdirSync(scratch)).toEqual([]);
  });
});
