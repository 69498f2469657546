/**
 * <rdl-approx-bumps>: the interactive part of the bump-approximation figure. The server-rendered markup shows x³
 * with 10 bumps; this element reveals the controls and redraws both charts (plain TypeScript, approx-data.ts)
 * whenever one changes, at most once per animation frame. The error-against-N curves depend only on the target and
 * the steepness, so moving N reuses them.
 */
import { approxChartSvg, approxSummary, errorChartSvg, errorCurves, type ApproxSettings, type Units } from './approx-data.ts';

class ApproxBumpsElement extends HTMLElement {
  private frame = 0;
  private settings!: ApproxSettings;
  private curves: { key: string; value: ReturnType<typeof errorCurves> } | null = null;

  connectedCallback(): void {
    this.settings = JSON.parse(this.dataset.settings!) as ApproxSettings;
    const controls = this.querySelector<HTMLElement>('[data-role="controls"]');
    if (controls) controls.hidden = false;
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) el.addEventListener('input', () => this.schedule());
  }

  private read(): void {
    for (const el of this.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-param]')) {
      const values = el.dataset.values ? (JSON.parse(el.dataset.values) as number[]) : null;
      const v = values ? values[Number(el.value)]! : el.value;
      const s = this.settings;
      if (el.dataset.param === 'target') s.target = v as ApproxSettings['target'];
      else if (el.dataset.param === 'units') s.units = v as Units;
      else if (el.dataset.param === 'n') s.n = Number(v);
      else if (el.dataset.param === 'steepness') s.steepness = Number(v);
      const out = el.parentElement?.querySelector('output');
      if (out) out.textContent = String(v);
    }
    // Steepness only shapes sigmoid bumps.
    this.querySelector('[data-role="steepness"]')?.classList.toggle('disabled', this.settings.units !== 'sigmoid');
  }

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
    const key = `${s.target}/${s.steepness}`;
    if (this.curves?.key !== key) this.curves = { key, value: errorCurves(s) };
    const set = (role: string, html: string) => {
      const el = this.querySelector<HTMLElement>(`[data-role="${role}"]`);
      if (el) el.innerHTML = html;
    };
    set('chart', approxChartSvg(s));
    set('errors', errorChartSvg(s, this.curves.value));
    const summary = this.querySelector<HTMLElement>('[data-role="summary"]');
    if (summary) summary.textContent = approxSummary(s);
  }
}

if (!customElements.get('rdl-approx-bumps')) customElements.define('rdl-approx-bumps', ApproxBumpsElement);
