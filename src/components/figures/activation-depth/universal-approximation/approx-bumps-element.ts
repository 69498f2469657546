/**
 * <rdl-approx-bumps>: the interactive part of the bump-approximation figure. The server-rendered markup shows x³
 * with 10 bumps; this element reveals the controls and redraws both charts (plain TypeScript, approx-view.ts)
 * whenever one changes, at most once per animation frame. The error-against-N curves depend only on the target and
 * the steepness, so moving N reuses them.
 */
import { approxChartSvg, approxSummary, errorChartSvg, errorCurves, type ApproxSettings, type Units } from './approx-view.ts';
import { byRole, oncePerFrame, paramControls, readParams, revealControls, setRole } from '../../kit/controls.ts';

class ApproxBumpsElement extends HTMLElement {
  private settings!: ApproxSettings;
  private curves: { key: string; value: ReturnType<typeof errorCurves> } | null = null;

  connectedCallback(): void {
    this.settings = JSON.parse(this.dataset.settings!) as ApproxSettings;
    revealControls(this);
    for (const el of paramControls(this)) el.addEventListener('input', this.schedule);
  }

  private read(): void {
    const s = this.settings;
    readParams(this, (param, v) => {
      if (param === 'target') s.target = v as ApproxSettings['target'];
      else if (param === 'units') s.units = v as Units;
      else if (param === 'n') s.n = Number(v);
      else if (param === 'steepness') s.steepness = Number(v);
    });
    // Steepness only shapes sigmoid bumps.
    byRole(this, 'steepness')?.classList.toggle('disabled', s.units !== 'sigmoid');
  }

  /** Redraws at most once per animation frame while a slider is dragged. */
  private readonly schedule = oncePerFrame(() => this.render());

  private render(): void {
    this.read();
    const s = this.settings;
    const key = `${s.target}/${s.steepness}`;
    if (this.curves?.key !== key) this.curves = { key, value: errorCurves(s) };
    setRole(this, 'chart', approxChartSvg(s));
    setRole(this, 'errors', errorChartSvg(s, this.curves.value));
    setRole(this, 'summary', approxSummary(s), 'text');
  }
}

if (!customElements.get('rdl-approx-bumps')) customElements.define('rdl-approx-bumps', ApproxBumpsElement);
