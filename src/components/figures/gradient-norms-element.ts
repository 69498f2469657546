/**
 * <rdl-gradient-norms>: the interactive part of the gradient-norms figure. The server-rendered markup shows the
 * default net; this element reveals the controls and recomputes both activations' per-layer norms (plain float64
 * backprop, no tfjs) whenever a control changes. Width 128 with 16 hidden layers takes about a tenth of a second.
 */
import { layerNormsSvg, normsForBoth, normsSummary, type InitScheme, type NetSettings } from './gradient-norms-data.ts';

class GradientNormsElement extends HTMLElement {
  private frame = 0;
  private settings!: NetSettings;

  connectedCallback(): void {
    this.settings = JSON.parse(this.dataset.settings!) as NetSettings;
    const controls = this.querySelector<HTMLElement>('[data-role="controls"]');
    if (controls) controls.hidden = false;
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) el.addEventListener('input', () => this.schedule());
    this.querySelector('[data-role="resample"]')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  private read(): void {
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) {
      const p = el.dataset.param;
      const values = el.dataset.values ? (JSON.parse(el.dataset.values) as number[]) : null;
      const v = values ? values[Number(el.value)]! : el.value;
      if (p === 'hidden') this.settings.hidden = Number(v);
      else if (p === 'width') this.settings.width = Number(v);
      else if (p === 'scheme') this.settings.scheme = v as InitScheme;
      const out = el.parentElement?.querySelector('output');
      if (out) out.textContent = String(v);
    }
  }

  /** Recomputes at most once per animation frame while a slider is dragged. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    this.read();
    const s = this.settings;
    const norms = normsForBoth(s);
    const chart = this.querySelector<HTMLElement>('[data-role="chart"]');
    if (chart) chart.innerHTML = layerNormsSvg(norms, `Gradient norm of each layer’s weights at initialization, ${s.hidden} hidden layers of ${s.width} units, sigmoid and ReLU`);
    const summary = this.querySelector<HTMLElement>('[data-role="summary"]');
    if (summary) summary.innerHTML = normsSummary(norms).map((l) => `<li>${l}</li>`).join('');
    const seed = this.querySelector<HTMLElement>('[data-role="seed"]');
    if (seed) seed.textContent = String(s.seed);
  }
}

if (!customElements.get('rdl-gradient-norms')) customElements.define('rdl-gradient-norms', GradientNormsElement);
