/**
 * <rdl-gradient-norms>: the interactive part of the gradient-norms figure. The server-rendered markup shows the
 * default net; this element reveals the controls and recomputes both activations' per-layer norms (plain float64
 * backprop, no tfjs) whenever a control changes. Width 128 with 16 hidden layers takes about a tenth of a second.
 */
import { initLabels, normsForBoth, type InitScheme, type NetSettings } from './gradient-norms-model.ts';
import { layerNormsSvg, layerNormsTitle, normsSummary } from './gradient-norms-view.ts';
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, oneOf, type ParamParsers } from '../../kit/figure-element.ts';

class GradientNormsElement extends FigureElement<NetSettings> {
  protected readonly params: ParamParsers<NetSettings> = {
    hidden: numberParam,
    width: numberParam,
    scheme: oneOf(Object.keys(initLabels) as InitScheme[]),
  };

  protected connected(): void {
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  protected render(): void {
    const s = this.settings;
    const norms = normsForBoth(s);
    setRole(this, 'chart', layerNormsSvg(norms, layerNormsTitle(s)));
    setRole(this, 'summary', normsSummary(norms).map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'seed', String(s.seed), 'text');
  }
}

if (!customElements.get('rdl-gradient-norms')) customElements.define('rdl-gradient-norms', GradientNormsElement);
