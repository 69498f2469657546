/**
 * <rdl-gradient-norms>: the interactive part of the gradient-norms figure. The server-rendered markup shows the
 * default net; this element reveals the controls and recomputes both activations' per-layer norms (plain float64
 * backprop, no tfjs) whenever a control changes. Width 128 with 16 hidden layers takes about a tenth of a second.
 */
import { layerNormsSvg, layerNormsTitle, normsForBoth, normsSummary, type InitScheme, type NetSettings } from './gradient-norms.ts';
import { byRole, oncePerFrame, paramControls, readParams, revealControls, setRole } from '../../kit/controls.ts';

class GradientNormsElement extends HTMLElement {
  private settings!: NetSettings;

  connectedCallback(): void {
    this.settings = JSON.parse(this.dataset.settings!) as NetSettings;
    revealControls(this);
    for (const el of paramControls(this)) el.addEventListener('input', this.schedule);
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  private read(): void {
    readParams(this, (p, v) => {
      if (p === 'hidden') this.settings.hidden = Number(v);
      else if (p === 'width') this.settings.width = Number(v);
      else if (p === 'scheme') this.settings.scheme = v as InitScheme;
    });
  }

  /** Recomputes at most once per animation frame while a slider is dragged. */
  private readonly schedule = oncePerFrame(() => this.render());

  private render(): void {
    this.read();
    const s = this.settings;
    const norms = normsForBoth(s);
    setRole(this, 'chart', layerNormsSvg(norms, layerNormsTitle(s)));
    setRole(this, 'summary', normsSummary(norms).map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'seed', String(s.seed), 'text');
  }
}

if (!customElements.get('rdl-gradient-norms')) customElements.define('rdl-gradient-norms', GradientNormsElement);
