/**
 * <rdl-loss-surface>: the interactive part of the loss-surface figure. The build-time markup already shows the map
 * with its three runs; this element reveals a learning-rate slider and adds the reader's own run (in its own colour)
 * with a line that says where it ends, from the same pure model and view the build used.
 */
import { FigureElement, numberParam, type ParamParsers } from '../kit/figure-element.ts';
import { setRole } from '../kit/controls.ts';
import { descend, lossSurface } from './loss-surface-model.ts';
import { lossSurfaceSvg, runText } from './loss-surface-view.ts';

interface Settings {
  learningRate: number;
}

class LossSurfaceElement extends FigureElement<Settings> {
  protected readonly params: ParamParsers<Settings> = { learningRate: numberParam };
  private readonly surface = lossSurface();

  protected render(): void {
    const s = this.surface;
    const yours = descend('yours', this.settings.learningRate, s.data);
    const title = `Contour map of the loss over slope w and intercept b, with gradient descent at learning rates ${s.paths.map((p) => p.learningRate.toFixed(3)).join(', ')} and, in pink, yours: ${runText(yours, s.minimum.loss, s.stabilityLimit)}`;
    setRole(this, 'svg', lossSurfaceSvg(s, title, yours));
    setRole(this, 'readout', runText(yours, s.minimum.loss, s.stabilityLimit), 'text');
    const readout = this.querySelector<HTMLElement>('[data-role="readout"]');
    if (readout) readout.hidden = false;
  }

  protected connected(): void {
    this.schedule();
  }
}

if (!customElements.get('rdl-loss-surface')) customElements.define('rdl-loss-surface', LossSurfaceElement);
