/**
 * The code editor: Monaco bundled from npm (tree-shakeable 0.56+ entry points, no CDN), TypeScript worker on,
 * with the types of `@tensorflow/tfjs` and of the runtime's `course` module so `tf.` autocompletes and type
 * errors are underlined. Imported lazily by the exercise element the first time a learner opens the editor:
 * this module and everything below it (~3 MB of JS) never load for someone who only reads. The solution's diff
 * (showDiff) lives here too, so that it shares the editor's workers and types and loads only when asked for.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import { typescriptDefaults, ModuleKind, ModuleResolutionKind, ScriptTarget } from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import tfjsTypes from 'virtual:tfjs-types';
import { courseDeclarations } from '../runtime/course-declarations.ts';
import { TAB_TRAP_KEYS } from './editor-keys.ts';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) => (label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker()),
};

let typesReady = false;
function setUpTypeScript(): void {
  if (typesReady) return;
  typesReady = true;
  typescriptDefaults.setCompilerOptions({
    target: ScriptTarget.ES2020,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    strict: true,
    noEmit: true,
    esModuleInterop: true,
    allowNonTsExtensions: true,
    lib: ['es2022', 'dom'],
  });
  // Diagnostics for the learner's file only; the library files are trusted.
  typescriptDefaults.setEagerModelSync(true);
  for (const f of tfjsTypes) typescriptDefaults.addExtraLib(f.content, `file:///${f.path}`);
  typescriptDefaults.addExtraLib(courseDeclarations, 'file:///node_modules/@types/course/index.d.ts');
}

export interface CodeEditor {
  getValue(): string;
  /** Replaces the whole text as one undoable edit (Ctrl+Z brings the old text back). */
  replaceAll(text: string): void;
  /** Moves the cursor to a 1-based line/column and marks it with a message, or clears the mark. */
  markError(pos: { line: number; column?: number; message: string } | null): void;
  focus(): void;
  /** Removes the editor from the page (the learner switched to the other editor); the code is saved already. */
  dispose(): void;
}

export function createEditor(
  host: HTMLElement,
  opts: { value: string; id: string; onChange: (text: string) => void; onRun: () => void },
): CodeEditor {
  setUpTypeScript();
  const uri = monaco.Uri.parse(`file:///exercises/${opts.id}/main.ts`);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(opts.value, 'typescript', uri);
  // A model from before a switch to the plain editor holds the code as it was then.
  if (model.getValue() !== opts.value) model.setValue(opts.value);
  const dark = document.documentElement.dataset.theme === 'dark';
  const editor = monaco.editor.create(host, {
    model,
    theme: dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    fixedOverflowWidgets: true,
    ariaLabel: `Code editor. Tab indents; press ${TAB_TRAP_KEYS} to make Tab move focus out of the editor.`,
  });
  // Follow Starlight's theme switch.
  const themeObserver = new MutationObserver(() => monaco.editor.setTheme(document.documentElement.dataset.theme === 'dark' ? 'vs-dark' : 'vs'));
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => opts.onRun());
  const changes = model.onDidChangeContent(() => opts.onChange(model.getValue()));
  return {
    getValue: () => model.getValue(),
    replaceAll(text) {
      editor.pushUndoStop();
      editor.executeEdits('reset', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    markError(pos) {
      if (!pos) return monaco.editor.setModelMarkers(model, 'runner', []);
      const column = pos.column ?? 1;
      monaco.editor.setModelMarkers(model, 'runner', [
        { severity: monaco.MarkerSeverity.Error, message: pos.message, startLineNumber: pos.line, startColumn: column, endLineNumber: pos.line, endColumn: model.getLineMaxColumn(Math.min(pos.line, model.getLineCount())) },
      ]);
      editor.revealLineInCenter(pos.line);
      editor.setPosition({ lineNumber: pos.line, column });
    },
    focus: () => editor.focus(),
    dispose() {
      themeObserver.disconnect();
      changes.dispose();
      editor.dispose();
    },
  };
}

/** A read-only diff shown in a host element; dispose() removes it and its models. */
export interface DiffView {
  dispose(): void;
}

/**
 * Shows `modified` (the solution) against `original` (the learner's code) in Monaco's diff editor, read-only, side by
 * side where there is room and inline on a narrow screen.
 */
export function showDiff(host: HTMLElement, original: string, modified: string): DiffView {
  setUpTypeScript();
  const dark = document.documentElement.dataset.theme === 'dark';
  const models = { original: monaco.editor.createModel(original, 'typescript'), modified: monaco.editor.createModel(modified, 'typescript') };
  const diff = monaco.editor.createDiffEditor(host, {
    theme: dark ? 'vs-dark' : 'vs',
    readOnly: true,
    originalEditable: false,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    renderSideBySide: host.clientWidth >= 700,
    ariaLabel: 'The solution compared with your code',
  });
  diff.setModel(models);
  return {
    dispose() {
      diff.dispose();
      models.original.dispose();
      models.modified.dispose();
    },
  };
}
