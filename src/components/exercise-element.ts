/**
 * <rdl-exercise>: the interactive half of Exercise.astro. The page is readable before any of this runs (the
 * starter code is server-rendered); this element adds the editor on demand, Run / Stop / Reset, the backend
 * choice, the live loss curve, the checks and the plots (drawn by kind: plots/plot-renderers.ts).
 */
import { boundText, errorText, fmt, secondsText, STARTER_UNCHANGED } from '../../graders/format.ts';
import type { GradeReport } from '../../graders/report.ts';
import type { ExerciseMeta } from '../../graders/schema.ts';
import { backendLabel, backendOrder, type BackendChoice, type BackendName, type BackendPreference } from '../runtime/backend.ts';
import { clearCode, loadCode, loadCodeBeforeSolution, loadHelp, loadRecord, recordEvent, saveCode, saveCodeBeforeSolution, saveHelp, saveRecord } from '../runtime/code-store.ts';
import { countRun, hintsShown, openHint, solutionLock, type HelpState } from '../runtime/help-state.ts';
import { recordRun } from '../runtime/result-record.ts';
import { parseDebugFlags } from '../runtime/debug-flags.ts';
import { startRun, type RunHandle } from '../runtime/worker-runner.ts';
import type { ExerciseRunResult } from '../runtime/run-exercise.ts';
import type { CodeEditor, DiffView } from './monaco-editor.ts';
import { createPlainEditor } from './plain-editor.ts';
import { hidePlots, showPlot } from './plots/plot-renderers.ts';
import type { LossChart } from './loss-chart.ts';
import { requireRole, withCode } from './dom.ts';
import { localDateTime, recordText } from './result-text.ts';

const BACKEND_PREF_KEY = 'rdl:backend';
/** 'plain' (the textarea) or 'code' (Monaco): the learner's last choice, for every exercise. */
const EDITOR_PREF_KEY = 'rdl:editor';

/** The learner's choice of editor, else the plain one on a touch screen (a coarse pointer) and Monaco elsewhere. */
function prefersPlainEditor(): boolean {
  let saved: string | null = null;
  try {
    saved = localStorage.getItem(EDITOR_PREF_KEY);
  } catch {
    // Storage blocked: the default below, every visit.
  }
  return saved === 'plain' || (saved !== 'code' && matchMedia('(pointer: coarse)').matches);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = Object.assign(document.createElement(tag), props);
  e.append(...children);
  return e;
}

class ExerciseElement extends HTMLElement {
  private meta!: ExerciseMeta;
  private starter = '';
  private editor: CodeEditor | null = null;
  private editorLoading: Promise<CodeEditor | null> | null = null;
  private run: RunHandle | null = null;
  private chart: LossChart | null = null;
  private plain = false;
  /** The code of the run in progress, recorded with its result. */
  private ranCode = '';
  /** Hints opened and failed runs (help-state.ts). */
  private help!: HelpState;
  private hints: HTMLDetailsElement[] = [];
  /** The solution once fetched (it is fetched only when unlocked), and its diff while the dialog shows it. */
  private solution: string | null = null;
  private diff: DiffView | null = null;

  private q<T extends Element = HTMLElement>(role: string): T {
    return requireRole<T>(this, role);
  }

  connectedCallback(): void {
    this.meta = JSON.parse(this.dataset.exercise ?? '{}') as ExerciseMeta;
    this.starter = this.dataset.starter ?? '';
    const saved = loadCode(this.meta.id);
    if (saved !== null && saved !== this.starter) {
      this.q('code').textContent = saved;
      this.setStatus('Your saved code is restored.', 'info');
    }

    const select = this.q<HTMLSelectElement>('backend');
    for (const b of backendOrder) select.append(el('option', { value: b, textContent: backendLabel(b) }));
    select.value = localStorage.getItem(BACKEND_PREF_KEY) ?? 'auto';
    if (select.selectedIndex < 0) select.value = 'auto'; // a stored choice this version does not offer
    select.addEventListener('change', () => localStorage.setItem(BACKEND_PREF_KEY, select.value));

    this.plain = prefersPlainEditor();
    const plain = this.q<HTMLInputElement>('plain-editor');
    plain.checked = this.plain;
    plain.addEventListener('change', () => void this.switchEditor(plain.checked));

    this.q('edit').addEventListener('click', () => void this.openEditor(true));
    // Opening the editor is what a reader does when they click into the code or tab to it.
    const code = this.q('code-view');
    code.addEventListener('click', () => void this.openEditor(true));
    code.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        void this.openEditor(true);
      }
    });
    this.q('run').addEventListener('click', () => void this.start());
    this.q('stop').addEventListener('click', () => this.run?.stop());
    this.q('reset').addEventListener('click', () => void this.reset());
    this.toggleRunning(false);
    this.showRecord();
    this.setUpHelp();
    this.dataset.ready = 'true';
  }

  /** Opens the chosen editor (Monaco, loaded once, or the plain textarea) in place of the static code view. */
  private openEditor(focus: boolean): Promise<CodeEditor | null> {
    if (!this.editorLoading) {
      this.editorLoading = (async () => {
        const edit = this.q<HTMLButtonElement>('edit');
        edit.disabled = true;
        edit.textContent = 'Loading editor…';
        try {
          const host = this.q('editor');
          const view = this.q('code-view');
          if (!view.hidden) host.style.height = `${Math.max(320, Math.min(640, view.offsetHeight + 40))}px`;
          const opts = {
            value: this.currentCode(),
            id: this.meta.id,
            onChange: (text: string) => {
              if (!saveCode(this.meta.id, text)) this.setStatus('This browser does not let the page save your code; copy it somewhere before you leave.', 'warn');
            },
            onRun: () => void this.start(),
          };
          this.editor = this.plain ? createPlainEditor(host, opts) : (await import('./monaco-editor.ts')).createEditor(host, opts);
          host.hidden = false;
          view.hidden = true;
          // The way out of Monaco's Tab trap, said where a keyboard user meets it; a textarea sets no trap.
          this.q('editor-help').hidden = this.plain;
          edit.hidden = true;
          this.dataset.editor = 'ready';
          this.dataset.editorKind = this.plain ? 'plain' : 'code';
          return this.editor;
        } catch (e) {
          // The static view stays (or comes back, after a switch of editor), so the learner can still read and run
          // the code they have.
          const view = this.q('code-view');
          if (view.hidden) {
            this.q('code').textContent = this.currentCode();
            view.hidden = false;
            this.q('editor').hidden = true;
          }
          edit.hidden = false;
          edit.disabled = false;
          edit.textContent = 'Edit code';
          this.editorLoading = null;
          this.setStatus(`The editor failed to load (${(e as Error).message}). Reload the page to try again; your saved code is kept.`, 'error');
          return null;
        }
      })();
    }
    return this.editorLoading.then((ed) => {
      if (ed && focus) ed.focus();
      return ed;
    });
  }

  /** Remembers the learner's choice of editor and, when one is open, swaps it for the other with the same code. */
  private async switchEditor(plain: boolean): Promise<void> {
    this.plain = plain;
    try {
      localStorage.setItem(EDITOR_PREF_KEY, plain ? 'plain' : 'code');
    } catch {
      // Storage blocked: the choice holds on this page only.
    }
    if (!this.editorLoading) return; // applies when the learner opens the editor
    const open = await this.editorLoading;
    if (!open || this.dataset.editorKind === (plain ? 'plain' : 'code')) return;
    const code = open.getValue();
    saveCode(this.meta.id, code);
    open.dispose();
    this.editor = null;
    this.editorLoading = null;
    await this.openEditor(true);
  }

  private currentCode(): string {
    return this.editor?.getValue() ?? loadCode(this.meta.id) ?? this.starter;
  }

  /** The learner's current code: the editor's text, else their saved code, else the starter. */
  get code(): string {
    return this.currentCode();
  }

  private async reset(): Promise<void> {
    const editor = await this.openEditor(false);
    if (editor) {
      // One undoable edit: Ctrl/Cmd+Z in the editor brings the learner's code back.
      editor.replaceAll(this.starter);
      editor.markError(null);
      this.setStatus('Starter code restored. Press Ctrl/Cmd+Z in the editor to get your code back.', 'info');
    } else {
      clearCode(this.meta.id);
      this.q('code').textContent = this.starter;
    }
  }

  private toggleRunning(running: boolean): void {
    this.q<HTMLButtonElement>('run').disabled = running;
    this.q<HTMLButtonElement>('stop').disabled = !running;
    this.q<HTMLSelectElement>('backend').disabled = running;
    this.dataset.running = String(running);
  }

  private setStatus(text: string, tone: 'info' | 'warn' | 'error' | 'pass' | 'fail' | 'run'): void {
    const s = this.q('status');
    s.replaceChildren(...withCode(text));
    s.dataset.tone = tone;
  }

  private async start(): Promise<void> {
    if (this.run) return;
    const source = this.currentCode();
    this.ranCode = source;
    saveCode(this.meta.id, source);
    this.editor?.markError(null);
    this.toggleRunning(true);
    this.q('checks').replaceChildren();
    this.q('logs').textContent = '';
    this.q('progress').textContent = '';
    this.q('backend-info').replaceChildren();
    this.q('result').hidden = false;
    hidePlots(this);
    this.setStatus('Starting…', 'run');

    this.chart?.destroy();
    this.chart = null;
    const lossHost = this.q('loss');
    lossHost.hidden = true; // shown with the first point, so a run that fails early shows no empty chart
    const { LossChart } = await import('./loss-chart.ts');

    this.run = startRun(
      { meta: this.meta, source, backend: this.q<HTMLSelectElement>('backend').value as BackendPreference, gridSize: 80, onPage: true, starter: this.starter, debug: parseDebugFlags(location.search) },
      {
        onMessage: (m) => {
          if (m.type === 'backend') {
            this.showBackend(m.backend, m.threads, m.choice, [...m.choice.skipped, ...m.failed.map((f) => ({ name: f.name, why: `${backendLabel(f.name)} failed to start: ${f.why}` }))]);
            this.q('backend-badge').dataset.wasmPatches = m.wasmPatches.join(' '); // which tfjs fixes ran (tests read it)
            this.q('backend-badge').dataset.wasmModule = m.wasmModule; // compiled afresh or handed over (tests, bench)
            this.setStatus(`Training on ${backendLabel(m.backend)}…`, 'run');
          } else if (m.type === 'progress') {
            if (!this.chart) {
              lossHost.hidden = false;
              this.chart = new LossChart(lossHost, this.meta.lossChart?.references);
            }
            this.chart.push(m.step, m.loss, m.valLoss, m.last);
            // Live plots: decision regions from the model the learner passed, or frames its code computed.
            for (const plot of m.plots ?? []) showPlot(this, plot);
            // Not the status: a live region that changed every epoch would leave a screen reader reading numbers
            // all the run long. The status says "Training on …" and then the result.
            this.q('progress').textContent = `Epoch ${m.step + 1}${m.last !== undefined ? ` / ${m.last + 1}` : ''}, loss ${m.loss.toFixed(4)}`;
          } else if (m.type === 'log') this.q('logs').textContent += `${m.line}\n`;
        },
        onEnd: (result) => this.finish(result),
      },
    );
  }

  private showBackend(name: string, threads: number, choice: BackendChoice, skipped: { name: string; why: string }[]): void {
    const badge = this.q('backend-badge');
    badge.textContent = `Backend: ${backendLabel(name as never)}${threads > 1 ? `, ${threads} threads` : ''}`;
    badge.dataset.backend = name;
    delete badge.dataset.tone;
    badge.removeAttribute('title');
    // When precision shaped the choice, the badge itself says so; the full sentence is under "Why this backend?".
    if (choice.note) {
      badge.append(el('span', { className: 'rdl-badge-note', textContent: ` · ${choice.note.text}` }));
      badge.dataset.tone = choice.note.tone;
      badge.title = choice.note.tone === 'warn' ? choice.reason : skipped.map((s) => s.why).join(' ');
    }
    badge.hidden = false;
    const info = this.q('backend-info');
    info.replaceChildren(el('p', { textContent: choice.reason }));
    if (skipped.length) info.append(el('ul', {}, ...skipped.map((s) => el('li', { textContent: s.why }))));
  }

  private finish({ report, plot }: ExerciseRunResult): void {
    this.run = null;
    this.toggleRunning(false);
    // A pass sticks; a stopped run records nothing (result-record.ts).
    const next = recordRun(loadRecord(this.meta.id).record, report, this.ranCode, new Date());
    if (next && saveRecord(this.meta.id, next)) window.dispatchEvent(new CustomEvent(recordEvent, { detail: this.meta.id }));
    this.showRecord();
    this.help = countRun(this.help, report);
    saveHelp(this.meta.id, this.help);
    this.showHelp();
    this.dataset.status = report.status;
    this.dataset.durationMs = String(report.durationMs); // read by the benchmark and tests
    this.renderReport(report);
    if (plot) showPlot(this, plot);
  }

  /**
   * Hints in order, then the solution: each hint's button appears once the one before it is opened (remembered per
   * exercise), "Show solution" unlocks after a pass or after every hint and `minFailedRuns` failed runs, and after a
   * pass the page points to the next lesson and to this lesson's "Try it yourself".
   */
  private setUpHelp(): void {
    this.help = loadHelp(this.meta.id);
    this.hints = [...this.querySelectorAll<HTMLDetailsElement>('[data-role=hint]')];
    this.hints.forEach((d, i) => {
      d.open = i < this.help.hintsOpened;
      d.addEventListener('toggle', () => {
        if (!d.open || i < this.help.hintsOpened) return;
        this.help = openHint(this.help, i);
        saveHelp(this.meta.id, this.help);
        this.showHelp();
      });
    });
    const tryIt = [...document.querySelectorAll<HTMLHeadingElement>('h2[id]')].find((h) => /^Try it yourself/i.test(h.textContent?.trim() ?? ''));
    if (tryIt) Object.assign(this.q<HTMLAnchorElement>('try-it'), { href: `#${tryIt.id}`, textContent: tryIt.textContent?.trim(), hidden: false });
    this.q('solution').addEventListener('click', () => void this.showSolution());
    this.q('use-solution').addEventListener('click', () => void this.useSolution());
    this.q('restore').addEventListener('click', () => void this.restoreCode());
    const dialog = this.q<HTMLDialogElement>('solution-dialog');
    this.q('close-solution').addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      this.diff?.dispose();
      this.diff = null;
    });
    this.q('restore').hidden = loadCodeBeforeSolution(this.meta.id) === null;
    this.showHelp();
  }

  private showHelp(): void {
    const shown = hintsShown(this.help, this.hints.length);
    this.hints.forEach((d, i) => (d.hidden = i >= shown));
    const passed = loadRecord(this.meta.id).record.pass !== null;
    const button = this.q<HTMLButtonElement>('solution');
    if (this.dataset.solutionUrl) {
      const lock = solutionLock(this.help, this.hints.length, this.meta.minFailedRuns ?? 3, passed);
      button.disabled = !lock.unlocked;
      this.q('solution-lock').textContent = lock.text;
    }
    this.q('next').hidden = !passed;
  }

  /** Fetches the solution (the first time) and shows it as a diff against the learner's code. */
  private async showSolution(): Promise<void> {
    const button = this.q<HTMLButtonElement>('solution');
    try {
      button.disabled = true;
      if (this.solution === null) {
        const r = await fetch(this.dataset.solutionUrl!);
        if (!r.ok) throw new Error(`HTTP ${r.status}`);
        this.solution = ((await r.json()) as { code: string }).code;
      }
      const { showDiff } = await import('./monaco-editor.ts');
      const dialog = this.q<HTMLDialogElement>('solution-dialog');
      dialog.showModal();
      this.diff?.dispose();
      this.diff = showDiff(this.q('diff'), this.currentCode(), this.solution);
      this.dataset.solution = 'shown';
    } catch (e) {
      this.setStatus(`The solution could not be loaded (${(e as Error).message}). Try again in a moment.`, 'error');
    } finally {
      button.disabled = false;
    }
  }

  /** Puts `text` in the editor as one undoable edit (or, when no editor opens, saves it and shows it). */
  private async replaceCode(text: string): Promise<void> {
    const editor = await this.openEditor(false);
    if (editor) editor.replaceAll(text);
    else {
      saveCode(this.meta.id, text);
      this.q('code').textContent = text;
    }
  }

  /** "Use this code": the solution goes in the editor, and the learner's code is kept for "Restore my code". */
  private async useSolution(): Promise<void> {
    if (this.solution === null) return;
    const mine = this.currentCode();
    this.q<HTMLDialogElement>('solution-dialog').close();
    if (mine === this.solution) return;
    if (!saveCodeBeforeSolution(this.meta.id, mine)) {
      this.setStatus('This browser does not let the page keep a copy of your code, so the solution was not put in the editor.', 'warn');
      return;
    }
    await this.replaceCode(this.solution);
    this.q('restore').hidden = false;
    this.setStatus('The solution is in the editor. Your code is kept: Restore my code (or Ctrl/Cmd+Z in the editor) brings it back.', 'info');
  }

  private async restoreCode(): Promise<void> {
    const mine = loadCodeBeforeSolution(this.meta.id);
    if (mine === null) return;
    await this.replaceCode(mine);
    saveCodeBeforeSolution(this.meta.id, null);
    this.q('restore').hidden = true;
    this.setStatus('Your code is back in the editor.', 'info');
  }

  /**
   * The result line under the status: the last run and, when it did not pass, the pass before it. Shown again when
   * the learner comes back; not a live region (the status announces a run's end).
   */
  private showRecord(): void {
    const { record, unreadable } = loadRecord(this.meta.id);
    const text = recordText(record, localDateTime);
    const host = this.q('record');
    host.hidden = !text && !unreadable;
    const badge = this.q('record-badge');
    badge.dataset.state = this.dataset.record = unreadable ? 'unreadable' : (text?.state ?? 'not-run');
    badge.textContent = unreadable ? 'Earlier result unreadable' : (text?.badge ?? '');
    this.q('record-detail').textContent = unreadable
      ? `The result saved for this exercise could not be read (${unreadable}). Your code is not affected; your next run is recorded afresh, and the old text is kept aside in this browser.`
      : (text?.detail ?? '');
  }

  private renderReport(r: GradeReport): void {
    // The same name as the badge's ("WebAssembly", not "wasm"); a report from a run that never started names none.
    const on = (backendOrder as readonly string[]).includes(r.backend) ? backendLabel(r.backend as BackendName) : r.backend;
    const starter = r.starterUnchanged ? `${STARTER_UNCHANGED} ` : '';
    const failed = r.checks.filter((c) => !c.passed).length;
    if (r.status === 'passed') this.setStatus(`Passed: every check is met (${secondsText(r.durationMs)} on ${on}).`, 'pass');
    else if (r.status === 'failed') this.setStatus(`${starter}Not yet: ${failed === 1 ? '1 check' : `${failed} checks`} failed. See below.`, 'fail');
    else if (r.error) {
      // The message says where once (errorText); the editor marks the line too.
      this.setStatus(`${starter}${r.error.kind === 'stopped' ? 'Stopped' : 'Error'}: ${errorText(r.error)}`, r.error.kind === 'stopped' ? 'warn' : 'error');
      if (r.error.line !== undefined) void this.openEditor(false).then((ed) => ed?.markError({ line: r.error!.line!, ...(r.error!.column !== undefined && { column: r.error!.column }), message: r.error!.message }));
    }
    const list = this.q('checks');
    for (const c of r.checks) {
      list.append(
        el(
          'li',
          { className: c.passed ? 'pass' : 'fail' },
          el('span', { className: 'mark', textContent: c.passed ? '✓' : '✗' }),
          el('strong', { textContent: c.label }),
          ` ${fmt(c.value)} `,
          el('span', { className: 'bound', textContent: `(needs ${boundText(c, ', ')})` }),
          // A pass needs no explanation beyond the line itself; a failure gets the teaching message.
          ...(c.passed ? [] : [el('p', {}, ...withCode(c.message))]),
          // The values behind the number (e.g. a truth table), open when they explain a failure.
          ...(c.details?.length ? [el('details', { open: !c.passed }, el('summary', { textContent: 'Details' }), el('pre', { textContent: c.details.join('\n') }))] : []),
        ),
      );
    }
    // Numbers shown but not graded, each with what it means: no mark, no bound, the message always visible.
    for (const n of r.notes ?? [])
      list.append(el('li', { className: 'note' }, el('span', { className: 'mark', textContent: '·' }), el('strong', { textContent: n.label }), ` ${fmt(n.value)} `, el('span', { className: 'bound', textContent: '(not graded)' }), el('p', {}, ...withCode(n.message))));
  }
}

if (!customElements.get('rdl-exercise')) customElements.define('rdl-exercise', ExerciseElement);
