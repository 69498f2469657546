/**
 * DOM helpers shared by the interactive figures' custom elements (figure-element.ts builds on them). The figures'
 * markup follows one convention: the parts a script rewrites carry data-role="…", the controls (hidden in the
 * server-rendered page) sit in data-role="controls", and each setting is a form control with data-param="…" inside
 * a <label> whose <output> shows its value. A slider that steps through a list of values carries the list as
 * data-values="[…]" and its value is an index into it.
 */

import { byRole } from '../../dom.ts';

// byRole and requireRole live in src/components/dom.ts (the exercise and progress elements use them too); figures
// get them here with the rest of their DOM helpers.
export { byRole, requireRole } from '../../dom.ts';

/** A form control that sets one of a figure's parameters. */
export type ParamControl = HTMLInputElement | HTMLSelectElement;

/**
 * Wraps `fn` so that calling the result any number of times within one animation frame runs `fn` once, in the next
 * frame: a dragged slider fires many `input` events per frame, and each redraw is only worth doing once.
 */
export function oncePerFrame(fn: () => void): () => void {
  let frame = 0;
  return () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      fn();
    });
  };
}

/** Replaces the markup (or, with `as: 'text'`, the text) of the data-role="`name`" element, if there is one. */
export function setRole(root: ParentNode, name: string, content: string, as: 'html' | 'text' = 'html'): void {
  const el = byRole(root, name);
  if (el) el[as === 'text' ? 'textContent' : 'innerHTML'] = content;
}

/** Shows the figure's controls (data-role="controls"), which the page ships hidden for readers without JavaScript. */
export function revealControls(root: ParentNode): void {
  const controls = byRole(root, 'controls');
  if (controls) controls.hidden = false;
}

/** Every data-param control inside `root`, in document order. */
export function paramControls(root: ParentNode): ParamControl[] {
  return [...root.querySelectorAll<ParamControl>('[data-param]')];
}

/** A control's value: the data-values entry its index picks when it has that list, else its own (string) value. */
export function paramValue(el: ParamControl): string | number {
  const values = el.dataset.values ? (JSON.parse(el.dataset.values) as number[]) : null;
  return values ? values[Number(el.value)]! : el.value;
}
