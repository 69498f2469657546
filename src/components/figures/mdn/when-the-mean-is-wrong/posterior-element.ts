/**
 * <rdl-posterior>: the interactive part of the p(x | y) figure. The server-rendered markup shows y = 2; this element
 * reveals the slider and redraws the exact distribution of x (float64 on 801 grid points, about a millisecond)
 * whenever it moves.
 */
import { setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';
import { posteriorAt, type PosteriorSettings } from './posterior-model.ts';
import { posteriorSummary, posteriorSvg } from './posterior-view.ts';

class PosteriorElement extends FigureElement<PosteriorSettings> {
  protected readonly params: ParamParsers<PosteriorSettings> = { y: numberParam };

  protected render(): void {
    const post = posteriorAt(this.settings.y);
    setRole(this, 'chart', posteriorSvg(post));
    setRole(this, 'summary', posteriorSummary(post), 'text');
  }
}

if (!customElements.get('rdl-posterior')) customElements.define('rdl-posterior', PosteriorElement);
