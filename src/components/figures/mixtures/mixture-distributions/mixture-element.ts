/**
 * <rdl-mixture-distributions>: the interactive part of the mixture-distributions figure. The server-rendered
 * markup shows the lesson's mixture and a sample; this element reveals the controls and redraws the contours, the
 * points and the summary when the weight, the means' offset or the way of drawing changes, or on a new draw.
 */
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';
import { mixtureView, type MixtureSettings } from './mixture-view.ts';

class MixtureDistributionsElement extends FigureElement<MixtureSettings> {
  protected readonly params: ParamParsers<MixtureSettings> = { weightA: numberParam, offset: numberParam };

  protected connected(): void {
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]'))
      radio.addEventListener('change', () => {
        if (radio.checked) this.settings.mode = radio.value as MixtureSettings['mode'];
        this.schedule();
      });
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  protected render(): void {
    const view = mixtureView(this.settings);
    setRole(this, 'plane', view.svg);
    setRole(this, 'summary', view.lines.map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'seed', String(this.settings.seed), 'text');
  }
}

if (!customElements.get('rdl-mixture-distributions')) customElements.define('rdl-mixture-distributions', MixtureDistributionsElement);
