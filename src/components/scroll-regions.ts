/**
 * Display formulas scroll sideways inside their own box when they are wider than the column (src/styles/course.css:
 * a phone, or a long sum on any screen), and a box that scrolls must be reachable from the keyboard (WCAG 2.1.1;
 * axe's scrollable-region-focusable). Only the boxes that do scroll get tabindex="0": giving it to every formula
 * would add dozens of stops to a lesson's Tab order. Which ones scroll is known only once the page is laid out and
 * KaTeX's fonts are in, and changes with the window's width, so this runs then and on every resize.
 * (Tables get their focusable box at build time: src/integrations/rehype-scroll-tables.ts.)
 */

/** Gives each display formula under `root` that overflows its box a tab stop, and takes it from one that fits. */
export function markScrollingFormulas(root: ParentNode = document): void {
  for (const box of root.querySelectorAll<HTMLElement>('.katex-display')) {
    if (box.scrollWidth > box.clientWidth + 1) box.tabIndex = 0;
    else box.removeAttribute('tabindex');
  }
}

let pending = false;
function schedule(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    markScrollingFormulas();
  });
}

markScrollingFormulas();
void document.fonts.ready.then(schedule);
addEventListener('resize', schedule);
