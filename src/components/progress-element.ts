/**
 * <rdl-progress>: the interactive half of Progress.astro. Shows each exercise's saved code and result from
 * localStorage (a pass sticks: "passed earlier — current code fails"); "Download my work" zips the code
 * (graders/bundle.ts, the format `npm run grade` reads), the version that passed where the current code has not
 * (src/runtime/hand-in.ts), and says which; "Import" restores such a zip. Import never overwrites different code
 * silently: it asks first, naming the exercises it would replace, and then lists what it restored, replaced, left
 * unchanged or ignored.
 */
import { bundleFormat, bundleVersion, makeBundle, matchExercise, readBundle, type BundleManifest } from '../../graders/bundle.ts';
import { loadCode, loadRecord, recordEvent, saveCode, saveRecord } from '../runtime/code-store.ts';
import { handIn } from '../runtime/hand-in.ts';
import { recordImport, resultState } from '../runtime/result-record.ts';
import { requireRole } from './dom.ts';
import { localDate, progressText } from './result-text.ts';

const STUDENT_KEY = 'rdl:student';

interface ExerciseEntry {
  id: string;
  title: string;
  lesson: string;
}

class ProgressElement extends HTMLElement {
  private exercises: ExerciseEntry[] = [];

  private q<T extends HTMLElement = HTMLElement>(role: string): T {
    return requireRole<T>(this, role);
  }

  connectedCallback(): void {
    this.exercises = JSON.parse(this.dataset.exercises ?? '[]') as ExerciseEntry[];
    const student = this.q<HTMLInputElement>('student');
    student.value = localStorage.getItem(STUDENT_KEY) ?? '';
    student.addEventListener('input', () => localStorage.setItem(STUDENT_KEY, student.value));
    this.q('download').addEventListener('click', () => this.download());
    const file = this.q<HTMLInputElement>('import-file');
    this.q('import').addEventListener('click', () => file.click());
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      file.value = ''; // choosing the same file again must fire change again
      if (f) void this.importFile(f);
    });
    this.refresh();
    this.dataset.ready = 'true';
  }

  /** Fills the table from localStorage; says which results could not be read. */
  private refresh(): void {
    const unreadable: string[] = [];
    for (const e of this.exercises) {
      const row = this.querySelector<HTMLTableRowElement>(`tr[data-exercise-id="${CSS.escape(e.id)}"]`);
      if (!row) continue;
      const code = loadCode(e.id);
      const read = loadRecord(e.id);
      row.querySelector<HTMLElement>('[data-role=saved]')!.textContent = code === null ? 'not started' : `saved (${code.split('\n').length} lines)`;
      const cell = row.querySelector<HTMLElement>('[data-role=status]')!;
      cell.textContent = read.unreadable ? 'Unreadable (kept aside at the next run)' : progressText(read.record, code !== null, localDate);
      cell.dataset.status = read.unreadable ? 'unreadable' : resultState(read.record);
      if (read.unreadable) unreadable.push(e.title);
    }
    if (unreadable.length)
      this.say(`The saved result of ${unreadable.join(', ')} could not be read, so it shows none. Your code is not affected, and the next run records a new result.`, 'warn');
  }

  private say(text: string, tone: 'info' | 'pass' | 'warn' | 'error' = 'info'): void {
    const m = this.q('message');
    m.textContent = text;
    m.dataset.tone = tone;
  }

  private download(): void {
    const files: Record<string, string> = {};
    const manifest: BundleManifest = { format: bundleFormat, version: bundleVersion, exportedAt: new Date().toISOString(), exercises: {} };
    const student = this.q<HTMLInputElement>('student').value.trim();
    if (student) manifest.student = student;
    const swapped: string[] = [];
    for (const e of this.exercises) {
      const code = loadCode(e.id);
      const { record } = loadRecord(e.id);
      const file = handIn(code, record);
      if (file) files[e.id] = file.code;
      // The status of the code in the file: a swapped file holds code that passed.
      manifest.exercises[e.id] = {
        saved: code !== null,
        status: file?.swapped ? 'passed' : (record.last?.status ?? null),
        ...(file?.passedAt !== undefined && { passedAt: file.passedAt }),
        ...(file?.swapped && { swapped: file.swapped }),
      };
      if (file?.swapped) swapped.push(e.title);
    }
    const saved = Object.keys(files).length;
    if (saved === 0) {
      this.say('There is no saved code to download yet: open an exercise and edit or run it first.', 'warn');
      return;
    }
    const blob = new Blob([makeBundle(files, manifest) as Uint8Array<ArrayBuffer>], { type: 'application/zip' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `rdl-work${student ? `-${student.replace(/[^\p{L}\p{N}_-]+/gu, '-')}` : ''}.zip`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
    const left = this.exercises.length - saved;
    const versions = swapped.length
      ? ` For ${swapped.join(', ')}, it holds the version that passed on practice data, not your current code, which has not passed (the file says so at the top; your instructor grades on other data).`
      : '';
    this.say(`Downloaded ${a.download}: your code for ${saved} exercise${saved === 1 ? '' : 's'}${left ? ` (${left} not started, left out)` : ''}.${versions} Hand this file in as your instructor asks.`, 'pass');
  }

  private async importFile(file: File): Promise<void> {
    const bundle = readBundle(new Uint8Array(await file.arrayBuffer()));
    const ids = this.exercises.map((e) => e.id);
    const title = (id: string) => this.exercises.find((e) => e.id === id)?.title ?? id;
    const plan: { id: string; code: string; action: 'restored' | 'replaced' | 'unchanged' }[] = [];
    const ignored = [...bundle.problems];
    for (const [rel, code] of bundle.files) {
      const id = matchExercise(rel, ids);
      if (!id) ignored.push(`${rel}: not an exercise of this course`);
      else if (!plan.some((p) => p.id === id)) {
        const current = loadCode(id);
        plan.push({ id, code, action: current === null ? 'restored' : current === code ? 'unchanged' : 'replaced' });
      }
    }
    if (plan.length === 0) {
      this.say(`Nothing to import from ${file.name}: it has no code for this course's exercises.${ignored.length ? ` (${ignored.join('; ')})` : ''}`, 'error');
      return;
    }
    const replacing = plan.filter((p) => p.action === 'replaced');
    if (replacing.length && !window.confirm(`Importing ${file.name} replaces the code you have now for:\n\n${replacing.map((p) => `• ${title(p.id)}`).join('\n')}\n\nYour current code for ${replacing.length === 1 ? 'it' : 'them'} will be lost (use "Download my work" first to keep a copy). Import anyway?`)) {
      this.say('Import cancelled: nothing was changed.', 'info');
      return;
    }
    const failed: string[] = [];
    for (const p of plan) {
      if (p.action === 'unchanged') continue;
      if (!saveCode(p.id, p.code)) failed.push(p.id);
      // The last run shown must belong to the code now saved: the bundle's, when it says, else none. A pass here
      // is kept (its code passed); a pass in the bundle comes with its code.
      const said = bundle.manifest?.exercises?.[p.id];
      const status = typeof said?.status === 'string' ? said.status : null;
      saveRecord(p.id, recordImport(loadRecord(p.id).record, p.code, status, typeof said?.passedAt === 'string' ? said.passedAt : null));
      window.dispatchEvent(new CustomEvent(recordEvent, { detail: p.id }));
    }
    const report = this.q<HTMLUListElement>('report');
    report.replaceChildren();
    const line = (text: string, action: string) => {
      const li = document.createElement('li');
      li.textContent = text;
      li.dataset.action = action;
      report.append(li);
    };
    for (const p of plan) line(`${title(p.id)}: ${{ restored: 'restored', replaced: 'replaced your previous code', unchanged: 'already the same, unchanged' }[p.action]}`, p.action);
    for (const i of ignored) line(`Ignored ${i}`, 'ignored');
    report.hidden = false;
    this.refresh();
    if (failed.length) this.say(`This browser refused to save the code for ${failed.map(title).join(', ')}.`, 'error');
    else this.say(`Imported ${file.name}${bundle.manifest?.student ? ` (${bundle.manifest.student})` : ''}: ${plan.filter((p) => p.action !== 'unchanged').length} exercise(s) updated.`, 'pass');
  }
}

customElements.define('rdl-progress', ProgressElement);
