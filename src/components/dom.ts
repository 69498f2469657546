/**
 * Looking up the parts of a custom element's server-rendered markup. Every element in src/components
 * (<rdl-exercise>, <rdl-progress>, the lesson figures) marks the parts its script rewrites with data-role="…";
 * these two helpers are the whole convention, kept here so components need nothing from figures/.
 */

/** The element with data-role="`name`" inside `root`, or null. */
export function byRole<T extends HTMLElement = HTMLElement>(root: ParentNode, name: string): T | null {
  return root.querySelector<T>(`[data-role="${name}"]`);
}

/** The element with data-role="`name`" inside `root`; throws, naming `root`'s tag, if the markup lacks it. */
export function requireRole<T extends Element = HTMLElement>(root: Element, name: string): T {
  const found = root.querySelector<T>(`[data-role="${name}"]`);
  if (!found) throw new Error(`<${root.localName}> is missing [data-role="${name}"]`);
  return found;
}

/**
 * A message's text as nodes, its `backticked` spans as <code> elements: graders' and the runtime's messages quote
 * code that way (`model.fit`, `activation: 'softmax'`). Text stays text (never parsed as HTML), so a message that
 * quotes learner input cannot inject markup. An unpaired backtick is kept as it is.
 */
export function withCode(text: string): (Node | string)[] {
  const parts = text.split('`');
  if (parts.length % 2 === 0) return [text];
  return parts.map((part, i) => {
    if (i % 2 === 0) return part;
    const code = document.createElement('code');
    code.textContent = part;
    return code;
  }).filter((p) => p !== '');
}
