/**
 * The plain editor: a <textarea> behind the same CodeEditor interface as Monaco (monaco-editor.ts), for touch
 * screens and screen readers. Monaco on a phone fights the on-screen keyboard (selection handles, autocorrect,
 * zoom) and traps Tab; a textarea gets the platform's own editing, and Tab leaves it like any field. It has no
 * completion or type checking: the Run still reports errors with their line and column, and markError selects the
 * line. Loads nothing, so choosing it also spares a phone Monaco's ~3 MB.
 */
import type { CodeEditor } from './monaco-editor.ts';

/** Offset in `text` of the start of 1-based `line` (the end of the text past its last line). */
export function lineOffset(text: string, line: number): number {
  let at = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
  }
  return at;
}

export function createPlainEditor(host: HTMLElement, opts: { value: string; onChange: (text: string) => void; onRun: () => void }): CodeEditor {
  const area = document.createElement('textarea');
  Object.assign(area, { value: opts.value, spellcheck: false, className: 'rdl-textarea' });
  area.dataset.role = 'textarea';
  // Phones' keyboards would otherwise capitalise and "correct" identifiers.
  for (const [k, v] of [['autocapitalize', 'off'], ['autocomplete', 'off'], ['autocorrect', 'off'], ['aria-label', 'Code (plain text editor)']] as const) area.setAttribute(k, v);
  area.addEventListener('input', () => {
    area.removeAttribute('aria-invalid');
    opts.onChange(area.value);
  });
  area.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      opts.onRun();
    }
  });
  host.replaceChildren(area);
  return {
    getValue: () => area.value,
    replaceAll(text) {
      // Through the browser's editing command where it has one, so Ctrl/Cmd+Z brings the old text back; it fires
      // `input`, which saves. Setting `value` instead would empty the undo history.
      area.focus();
      area.select();
      if (!document.execCommand('insertText', false, text)) {
        area.value = text;
        opts.onChange(text);
      }
    },
    markError(pos) {
      if (!pos) return area.removeAttribute('aria-invalid');
      area.setAttribute('aria-invalid', 'true');
      const start = lineOffset(area.value, pos.line);
      const end = area.value.indexOf('\n', start);
      area.setSelectionRange(start + Math.max(0, (pos.column ?? 1) - 1), end < 0 ? area.value.length : end);
    },
    focus: () => area.focus(),
    dispose: () => area.remove(),
  };
}
