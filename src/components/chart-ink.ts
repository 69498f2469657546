/**
 * The ink of the exercise's canvas charts (the loss chart's axes, ticks and titles, the curve plot's reference line
 * and labels) in the page's theme. A canvas cannot follow CSS by itself, so the colours live in course.css as
 * `--rdl-chart-*` properties on `.rdl-exercise`, built from Starlight's greys for each theme (AA on the exercise's
 * background: text 4.5:1, lines 3:1), and a chart reads them when it draws and draws again when Starlight switches
 * theme (it sets `data-theme` on <html>).
 */

/** Colours for one draw, as CSS colour strings a canvas accepts. */
export interface ChartInk {
  /** Axis labels, tick values, titles and footers. */
  text: string;
  /** Axis lines and tick marks. */
  axis: string;
  /** Grid lines (decoration: the ticks carry the scale). */
  grid: string;
  /** A reference curve (the best possible prediction): dashed, so it is told from the model by more than colour. */
  reference: string;
}

/** Used where the properties are missing (a chart outside an exercise): dark-on-light, as a canvas defaults to. */
const fallback: ChartInk = { text: '#353841', axis: '#545861', grid: '#c0c2c7', reference: '#353841' };

/** The chart colours in effect at `el` (any element inside the exercise); the fallback where there is no DOM element. */
export function chartInk(el: Element): ChartInk {
  // A canvas drawn off the page (a test's recording context) has no styles to read.
  if (typeof Element === 'undefined' || !(el instanceof Element)) return { ...fallback };
  const style = getComputedStyle(el);
  const read = (name: keyof ChartInk) => style.getPropertyValue(`--rdl-chart-${name}`).trim() || fallback[name];
  return { text: read('text'), axis: read('axis'), grid: read('grid'), reference: read('reference') };
}

/** Calls `redraw` after each switch of Starlight's theme; returns the function that stops watching. */
export function onThemeChange(redraw: () => void): () => void {
  const observer = new MutationObserver(redraw);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
