/**
 * <rdl-kmeans-steps>: the interactive part of the k-means stepper figure. The server-rendered markup shows one frame;
 * this element reveals the controls and redraws whenever the frame, the mode (Lloyd's or mini-batch), the seeding or
 * the points change.
 */
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, oneOf, type ParamParsers } from '../../kit/figure-element.ts';
import { stepsView } from './kmeans-steps-view.ts';
import type { StepsSettings } from './kmeans-steps-model.ts';

class KMeansStepsElement extends FigureElement<StepsSettings> {
  protected readonly params: ParamParsers<StepsSettings> = {
    frame: (v) => numberParam(v) - 1,
    mode: oneOf(['full', 'mini-batch'] as const),
    seeding: oneOf(['random', 'plain', 'greedy'] as const),
  };

  protected connected(): void {
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.settings.seed += 1;
      this.schedule();
    });
  }

  protected render(): void {
    const view = stepsView(this.settings);
    setRole(this, 'plot', view.svg);
    setRole(this, 'summary', view.lines.map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'seed', String(this.settings.seed), 'text');
  }
}

if (!customElements.get('rdl-kmeans-steps')) customElements.define('rdl-kmeans-steps', KMeansStepsElement);
