/**
 * A pass sticks: the result record keeps the last run and, apart from it, the latest pass with its code; a stopped
 * run records nothing; the old format (a bare status) migrates; unreadable storage gives an empty record, never a
 * throw, and is kept aside when overwritten. Then what "Download my work" hands in, and the words the page shows.
 */
import { describe, expect, it, vi } from 'vitest';
import type { GradeReport, LearnerError } from '../../../graders/report.ts';
import { loadCode, loadRecord, saveCode, saveRecord } from '../../../src/runtime/code-store.ts';
import { memoryStorage } from './memory-storage.ts';
import { handIn, passedHeaderLead } from '../../../src/runtime/hand-in.ts';
import { allPassed, emptyRecord, readRecord, recordImport, recordRun, resultState, type ResultRecord } from '../../../src/runtime/result-record.ts';
import { progressText, recordText } from '../../../src/components/result-text.ts';

const id = '04-activation-depth/01-softmax-blobs';

/** A report with `met` of two checks met, or an error of `kind`. */
function report(status: GradeReport['status'], opts: { met?: number; error?: Partial<LearnerError> } = {}): GradeReport {
  const met = opts.met ?? (status === 'passed' ? 2 : 1);
  return {
    exerciseId: id,
    status,
    score: status === 'passed' ? 1 : 0,
    maxScore: 1,
    seed: 1,
    backend: 'wasm',
    durationMs: 1000,
    checks: [0, 1].map((i) => ({ metric: `m${i}`, label: `M${i}`, value: 0, passed: i < met, message: '' })),
    error: opts.error ? { kind: 'thrown', message: 'boom', ...opts.error } : null,
    logs: [],
  };
}

const t1 = new Date('2026-12-01T10:00:00Z');
const t2 = new Date('2026-12-01T11:00:00Z');
/** Applies runs in order, skipping what records nothing, as the exercise element does. */
const runs = (...steps: [GradeReport, string][]): ResultRecord =>
  steps.reduce((rec, [r, code], i) => recordRun(rec, r, code, i ? t2 : t1) ?? rec, emptyRecord());

describe('recordRun: a pass sticks', () => {
  it('keeps the last run and, apart from it, the pass with the code that earned it', () => {
    const rec = runs([report('passed'), 'good'], [report('failed'), 'experiment']);
    expect(rec).toEqual({
      version: 1,
      last: { status: 'failed', at: t2.toISOString(), backend: 'wasm', line: '1 of 2 checks met' },
      pass: { status: 'passed', at: t1.toISOString(), backend: 'wasm', line: '2 of 2 checks met', code: 'good' },
    });
    expect(resultState(rec)).toBe('passed-earlier');
  });

  it.each([
    // A later pass replaces the pass: its code is the learner's latest working version.
    ['pass, pass again', [[report('passed'), 'a'], [report('passed'), 'b']], 'passed', 'b'],
    // An error does not undo a pass either; its line is the error's message, with the line.
    ['pass, error', [[report('passed'), 'a'], [report('error', { error: { line: 3 } }), 'b']], 'passed-earlier', 'a'],
    ['failed only', [[report('failed'), 'a']], 'failed', null],
    ['error only', [[report('error', { error: {} }), 'a']], 'error', null],
  ] as const)('%s → %s', (_name, steps, state, passCode) => {
    const rec = runs(...(steps as unknown as [GradeReport, string][]));
    expect(resultState(rec)).toBe(state);
    expect(rec.pass?.code ?? null).toBe(passCode);
  });

  it('records nothing for a stopped run, nor for one never graded', () => {
    const passed = runs([report('passed'), 'a']);
    expect(recordRun(passed, report('error', { error: { kind: 'stopped', message: 'You stopped the run.' } }), 'b', t2)).toBeNull();
    expect(recordRun(passed, report('not-attempted'), 'b', t2)).toBeNull();
  });

  it("a timeout is the code's own error: recorded, without undoing the pass", () => {
    const rec = recordRun(runs([report('passed'), 'a']), report('error', { error: { kind: 'timeout', message: 'Stopped after 60 s' } }), 'b', t2)!;
    expect(rec.last).toMatchObject({ status: 'error', line: 'Stopped after 60 s' });
    expect(rec.pass?.code).toBe('a');
  });

  it('keeps one line of an error message, at most 300 characters', () => {
    const rec = runs([report('error', { error: { message: `${'x'.repeat(400)}\nat stack` } }), 'a']);
    expect(rec.last!.line).toHaveLength(300);
    expect(rec.last!.line.endsWith('…')).toBe(true);
  });
});

describe('readRecord: stored text, the old format, and text it cannot read', () => {
  const rec = runs([report('passed'), 'good'], [report('failed'), 'bad']);

  it('reads back what was stored', () => {
    expect(readRecord(JSON.stringify(rec), null, null)).toEqual({ record: rec });
  });

  it.each([
    // The format before: a bare status, the code saved beside it. A stored "passed" counts as the pass.
    ['passed', 'my code', { last: { status: 'passed', at: null, backend: null, line: '' }, pass: { status: 'passed', at: null, backend: null, line: '', code: 'my code' } }],
    ['failed', 'my code', { last: { status: 'failed', at: null, backend: null, line: '' }, pass: null }],
    // A stopped run was once stored as "stopped" (or as an error): a stop counts as nothing.
    ['stopped', 'my code', { last: null, pass: null }],
    ['nonsense', null, { last: null, pass: null }],
  ])('migrates the old status %j', (legacy, code, expected) => {
    expect(readRecord(null, legacy, code)).toEqual({ record: { version: 1, ...expected } });
  });

  it.each([
    ['{not json', 'not valid JSON'],
    ['"passed"', 'not a result record of a known version'],
    ['{"version":2,"last":null,"pass":null}', 'not a result record of a known version'],
    ['{"version":1,"last":{"status":"won"},"pass":null}', 'its fields are not those of a result record'],
    ['{"version":1,"last":null,"pass":{"status":"passed","at":null,"backend":null,"line":""}}', 'its fields are not those of a result record'],
  ])('never throws on %s: an empty record, and why', (stored, why) => {
    expect(readRecord(stored, 'passed', 'code')).toEqual({ record: emptyRecord(), unreadable: why });
  });
});

describe('recordImport', () => {
  const passed = runs([report('passed'), 'mine']);
  it.each([
    // A pass in the bundle comes with its code; another status keeps this browser's pass (its code passed here).
    ['passed', 'theirs', 'passed'],
    ['failed', 'mine', 'passed-earlier'],
    [null, 'mine', 'passed-earlier'],
  ] as const)('status %s: pass code %s, %s', (status, passCode, state) => {
    const rec = recordImport(passed, 'theirs', status, '2026-12-02T00:00:00Z');
    expect(rec.pass?.code).toBe(passCode);
    expect(resultState(rec)).toBe(state);
  });
});

describe('handIn: what "Download my work" puts in the zip', () => {
  const rec = runs([report('passed'), 'good'], [report('failed'), 'bad']);

  it('hands in the current code when it is the passing one, or when nothing passed', () => {
    expect(handIn('good', runs([report('passed'), 'good']))).toEqual({ code: 'good', swapped: null, passedAt: t1.toISOString() });
    expect(handIn('bad', runs([report('failed'), 'bad']))).toEqual({ code: 'bad', swapped: null });
    expect(handIn(null, emptyRecord())).toBeNull();
  });

  it('hands in the passing version, labelled, where the current code fails', () => {
    const file = handIn('bad', rec)!;
    expect(file).toMatchObject({ swapped: 'fails', passedAt: t1.toISOString() });
    expect(file.code.startsWith(`${passedHeaderLead} (2026-12-01).\n// Your current code fails the checks`)).toBe(true);
    expect(file.code).toMatch(/different, secret data\.\ngood$/);
  });

  it('and where the code changed after it passed and was not run since', () => {
    const file = handIn('edited', runs([report('passed'), 'good']))!;
    expect(file.swapped).toBe('not-run');
    expect(file.code).toMatch(/has not been run since this version passed[^]*\ngood$/);
  });
});

describe('the words', () => {
  const date = (iso: string) => iso.slice(0, 10);
  it.each([
    [runs([report('passed'), 'a']), 'Passed', 'on 2026-12-01 (WebAssembly): 2 of 2 checks met', 'Passed on 2026-12-01'],
    [
      runs([report('passed'), 'a'], [report('failed'), 'b']),
      'Passed earlier — your current code fails',
      'Passed on 2026-12-01 (WebAssembly): 2 of 2 checks met. Last run: Failed on 2026-12-01 (WebAssembly): 1 of 2 checks met.',
      'Passed earlier on 2026-12-01 — current code fails',
    ],
    [runs([report('failed'), 'b']), 'Failed', 'Last run on 2026-12-01 (WebAssembly): 1 of 2 checks met', 'Failed'],
    [readRecord(null, 'passed', 'a').record, 'Passed', '', 'Passed'],
  ])('%#: badge %j', (rec, badge, detail, cell) => {
    expect(recordText(rec, date)).toMatchObject({ badge, detail });
    expect(progressText(rec, true, date)).toBe(cell);
  });

  it('says "not tried" or "not run yet" before any run', () => {
    expect(recordText(emptyRecord(), String)).toBeNull();
    expect(progressText(emptyRecord(), false, String)).toBe('Not tried');
    expect(progressText(emptyRecord(), true, String)).toBe('Not run yet');
  });

  it('marks a lesson once all its exercises have a pass', () => {
    const records: Record<string, ResultRecord> = { a: runs([report('passed'), 'x'], [report('failed'), 'y']), b: runs([report('failed'), 'y']) };
    const of = (i: string) => records[i] ?? emptyRecord();
    expect(allPassed(['a'], of)).toBe(true);
    expect(allPassed(['a', 'b'], of)).toBe(false);
    expect(allPassed([], of)).toBe(false);
  });
});

describe('code-store: records in localStorage', () => {
  const store = memoryStorage();

  it('migrates the old status once, freezing the code that passed', () => {
    saveCode(id, 'passing code');
    store().set(`rdl:report:${id}`, 'passed');
    expect(loadRecord(id).record.pass?.code).toBe('passing code');
    saveCode(id, 'edited after');
    expect(loadRecord(id).record.pass?.code).toBe('passing code');
    expect(store().has(`rdl:report:${id}`)).toBe(false);
    expect(loadCode(id)).toBe('edited after');
  });

  it('keeps unreadable text aside when it records over it', () => {
    store().set(`rdl:result:${id}`, '{garbled');
    expect(loadRecord(id)).toEqual({ record: emptyRecord(), unreadable: 'not valid JSON' });
    const rec = runs([report('failed'), 'x']);
    expect(saveRecord(id, rec)).toBe(true);
    expect(store().get(`rdl:result:${id}:unreadable`)).toBe('{garbled');
    expect(loadRecord(id)).toEqual({ record: rec });
  });

  it('storage that throws gives an empty record, and a refused save says so', () => {
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(loadRecord(id)).toEqual({ record: emptyRecord() });
    expect(saveRecord(id, emptyRecord())).toBe(false);
  });
});
