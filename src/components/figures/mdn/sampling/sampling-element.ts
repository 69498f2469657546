/**
 * <rdl-mdn-samples>: the interactive part of the samples figure. The server-rendered markup shows the right
 * sampler's draws; this element reveals the controls and redraws the scatter, the PIT histogram and the lines when
 * the way of drawing changes, or on a new draw.
 */
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, type ParamParsers } from '../../kit/figure-element.ts';
import type { SamplerMode } from './sampling-model.ts';
import { samplingView, type SamplingSettings } from './sampling-view.ts';

class MdnSamplesElement extends FigureElement<SamplingSettings> {
  protected readonly params: ParamParsers<SamplingSettings> = {};

  protected connected(): void {
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]'))
      radio.addEventListener('change', () => {
        if (radio.checked) this.settings.mode = radio.value as SamplerMode;
        this.schedule();
      });
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  protected render(): void {
    const view = samplingView(this.settings);
    setRole(this, 'scatter', view.scatter);
    setRole(this, 'pit', view.pit);
    setRole(this, 'summary', view.lines.map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'seed', String(this.settings.seed), 'text');
  }
}

if (!customElements.get('rdl-mdn-samples')) customElements.define('rdl-mdn-samples', MdnSamplesElement);
