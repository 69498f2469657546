/**
 * <rdl-gradient-norms>: the interactive part of the gradient-norms figure. The server-rendered markup shows the
 * default net; this element reveals the controls and recomputes the shown activations' per-layer norms (plain float64
 * backprop, no tfjs) whenever a control changes. Width 128 with 16 hidden layers takes about a tenth of a second.
 */
import { initLabels, normsForShown, shownLabels, type InitScheme, type NetSettings, type ShownActivations } from './gradient-norms-model.ts';
import { layerNormsLegend, layerNormsSvg, layerNormsTitle, normsSummary } from './gradient-norms-view.ts';
import { legendHtml } from '../../kit/legend.ts';
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, oneOf, type ParamParsers } from '../../kit/figure-element.ts';

class GradientNormsElement extends FigureElement<NetSettings> {
  protected readonly params: ParamParsers<NetSettings> = {
    hidden: numberParam,
    width: numberParam,
    scheme: oneOf(Object.keys(initLabels) as InitScheme[]),
    shown: oneOf(Object.keys(shownLabels) as ShownActivations[]),
  };

  protected connected(): void {
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  protected render(): void {
    const s = this.settings;
    const norms = normsForShown(s);
    setRole(this, 'chart', layerNormsSvg(norms, layerNormsTitle(s)));
    setRole(this, 'legend', legendHtml(layerNormsLegend(norms)));
    setRole(this, 'summary', normsSummary(norms).map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'seed', String(s.seed), 'text');
  }
}

if (!customElements.get('rdl-gradient-norms')) customElements.define('rdl-gradient-norms', GradientNormsElement);
