/**
 * <rdl-activation-explorer>: the client side of ActivationExplorer.astro. Ticking a function or moving the z
 * slider redraws the chart (same pure chart code as the build-time SVG) and the read-out of f(z) and f′(z).
 * Without JavaScript the element never upgrades and the page keeps the static chart and table.
 */
import { activations, type ActivationName } from './activations-model.ts';
import { activationChartSvg, fmtValue } from './activation-view.ts';
import { byRole } from '../../kit/controls.ts';
import { FigureElement, type ParamParsers } from '../../kit/figure-element.ts';

interface ExplorerSettings {
  selected: ActivationName[];
  z: number;
}

class ActivationExplorer extends FigureElement<ExplorerSettings> {
  // No data-param controls: the state is a set of checkboxes and the z slider, read before every render.
  protected readonly params: ParamParsers<ExplorerSettings> = {};

  /** No data-settings: the checkboxes and the slider hold the whole state. */
  protected initialSettings(): ExplorerSettings {
    return { selected: [], z: 0 };
  }

  private boxes(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-fn]')];
  }

  protected connected(): void {
    if (!byRole(this, 'controls')) return;
    for (const b of this.boxes()) b.addEventListener('change', this.schedule);
    byRole(this, 'z')?.addEventListener('input', this.schedule);
    // With the checkboxes showing, the static legend above the chart would repeat them.
    const legend = byRole(this, 'legend');
    if (legend) legend.hidden = true;
    // The read-out table ships empty: fill it now rather than a frame later.
    this.render();
  }

  protected render(): void {
    const chart = byRole(this, 'chart');
    const slider = byRole<HTMLInputElement>(this, 'z');
    const zOut = byRole<HTMLOutputElement>(this, 'z-value');
    const readout = byRole<HTMLTableElement>(this, 'readout');
    const body = readout?.tBodies[0];
    if (!chart || !slider || !zOut || !readout || !body) return;
    const s = this.settings;
    s.selected = this.boxes().filter((b) => b.checked).map((b) => b.dataset.fn as ActivationName);
    s.z = Number(slider.value);
    zOut.value = s.z.toFixed(1);
    chart.innerHTML = activationChartSvg({ selected: s.selected, z: s.z });
    body.replaceChildren(
      ...s.selected.map((name) => {
        const a = activations[name];
        const tr = document.createElement('tr');
        const th = document.createElement('th');
        th.scope = 'row';
        const swatch = document.createElement('span');
        swatch.className = 'rdl-swatch';
        swatch.style.background = a.color;
        th.append(swatch, a.label);
        const cell = (v: number) => Object.assign(document.createElement('td'), { textContent: fmtValue(v) });
        tr.append(th, cell(a.f(s.z)), cell(a.df(s.z)));
        return tr;
      }),
    );
    readout.hidden = s.selected.length === 0;
  }
}

if (!customElements.get('rdl-activation-explorer')) customElements.define('rdl-activation-explorer', ActivationExplorer);
