/**
 * <rdl-mdn-density>: the interactive part of the MDN density figure. The server-rendered markup shows the initial
 * three components with the weighted sum's density; this element reveals the sliders (weight, mean and standard
 * deviation of each component) and the toggle, and redraws the chart, its legend and the summary when they change.
 */
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';
import { mdnDensityView, type MdnDensitySettings } from './mdn-density-view.ts';

class MdnDensityElement extends FigureElement<MdnDensitySettings> {
  protected readonly params: ParamParsers<MdnDensitySettings> = {
    w0: numberParam,
    w1: numberParam,
    w2: numberParam,
    mu0: numberParam,
    mu1: numberParam,
    mu2: numberParam,
    s0: numberParam,
    s1: numberParam,
    s2: numberParam,
  };

  protected connected(): void {
    const toggle = byRole(this, 'show-sum') as HTMLInputElement | null;
    toggle?.addEventListener('change', () => {
      this.settings.showSum = toggle.checked;
      this.schedule();
    });
  }

  protected render(): void {
    const view = mdnDensityView(this.settings);
    setRole(this, 'chart', view.svg);
    setRole(this, 'legend', view.legend);
    setRole(this, 'summary', view.lines.map((l) => `<li>${l}</li>`).join(''));
  }
}

if (!customElements.get('rdl-mdn-density')) customElements.define('rdl-mdn-density', MdnDensityElement);
