/**
 * <rdl-activation-explorer>: the client side of ActivationExplorer.astro. Ticking a function or moving the z
 * slider redraws the chart (same pure chart code as the build-time SVG) and the read-out of f(z) and f′(z).
 * Without JavaScript the element never upgrades and the page keeps the static chart and table.
 */
import { activationChartSvg, activations, fmtValue, type ActivationName } from './activation-view.ts';
import { byRole, revealControls } from '../../kit/controls.ts';

class ActivationExplorer extends HTMLElement {
  connectedCallback(): void {
    const legend = byRole(this, 'legend');
    const chart = byRole(this, 'chart');
    const slider = byRole<HTMLInputElement>(this, 'z');
    const zOut = byRole<HTMLOutputElement>(this, 'z-value');
    const readout = byRole<HTMLTableElement>(this, 'readout');
    const body = readout?.tBodies[0];
    const boxes = [...this.querySelectorAll<HTMLInputElement>('input[type="checkbox"][data-fn]')];
    if (!byRole(this, 'controls') || !chart || !slider || !zOut || !readout || !body) return;

    const render = () => {
      const selected = boxes.filter((b) => b.checked).map((b) => b.dataset.fn as ActivationName);
      const z = Number(slider.value);
      zOut.value = z.toFixed(1);
      chart.innerHTML = activationChartSvg({ selected, z });
      body.replaceChildren(
        ...selected.map((name) => {
          const a = activations[name];
          const tr = document.createElement('tr');
          const th = document.createElement('th');
          th.scope = 'row';
          const swatch = document.createElement('span');
          swatch.className = 'rdl-swatch';
          swatch.style.background = a.color;
          th.append(swatch, a.label);
          const cell = (v: number) => Object.assign(document.createElement('td'), { textContent: fmtValue(v) });
          tr.append(th, cell(a.f(z)), cell(a.df(z)));
          return tr;
        }),
      );
      readout.hidden = selected.length === 0;
    };

    for (const b of boxes) b.addEventListener('change', render);
    slider.addEventListener('input', render);
    revealControls(this);
    if (legend) legend.hidden = true;
    render();
  }
}

if (!customElements.get('rdl-activation-explorer')) customElements.define('rdl-activation-explorer', ActivationExplorer);
