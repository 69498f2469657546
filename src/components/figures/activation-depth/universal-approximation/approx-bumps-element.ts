/**
 * <rdl-approx-bumps>: the interactive part of the bump-approximation figure. The server-rendered markup shows x³
 * with 10 bumps; this element reveals the controls and redraws both charts (plain TypeScript, approx-view.ts)
 * whenever one changes, at most once per animation frame. The error-against-N curves depend only on the target and
 * the steepness, so moving N reuses them.
 */
import { errorCurves, targets, type ApproxSettings, type Units } from './approx-model.ts';
import { approxChartSvg, approxSummary, errorChartSvg } from './approx-view.ts';
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, oneOf, type ParamParsers } from '../../kit/figure-element.ts';

class ApproxBumpsElement extends FigureElement<ApproxSettings> {
  protected readonly params: ParamParsers<ApproxSettings> = {
    target: oneOf(targets.map((t) => t.id)),
    units: oneOf<Units>(['sigmoid', 'relu']),
    n: numberParam,
    steepness: numberParam,
  };
  private curves: { key: string; value: ReturnType<typeof errorCurves> } | null = null;

  protected render(): void {
    const s = this.settings;
    // Steepness only shapes sigmoid bumps.
    byRole(this, 'steepness')?.classList.toggle('disabled', s.units !== 'sigmoid');
    const key = `${s.target}/${s.steepness}`;
    if (this.curves?.key !== key) this.curves = { key, value: errorCurves(s) };
    setRole(this, 'chart', approxChartSvg(s));
    setRole(this, 'errors', errorChartSvg(s, this.curves.value));
    setRole(this, 'summary', approxSummary(s), 'text');
  }
}

if (!customElements.get('rdl-approx-bumps')) customElements.define('rdl-approx-bumps', ApproxBumpsElement);
