/**
 * <rdl-mdn-training>: the interactive part of the MDN training figure. The server-rendered markup shows the model
 * early stopping keeps; this element reveals the epoch slider and redraws the four panels and the line for the chosen
 * snapshot (plain TypeScript: the run is precomputed, training-figure.json). The run's snapshots (≈ 50 KB gzip) load
 * through a dynamic import once the element is on the page, not with it: the page's first JavaScript stays within
 * its 60 KB budget (tests/e2e/page-weight.test.ts), and the first picture needs none of it.
 */
import type { TrainingRun } from './training-model.ts';
import { trainingView, type TrainingSettings } from './training-view.ts';
import { setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';

let run: TrainingRun | undefined;
const loading = import('./training-figure.json').then((m) => (run = m.default.run as unknown as TrainingRun));

class MdnTrainingElement extends FigureElement<TrainingSettings> {
  protected readonly params: ParamParsers<TrainingSettings> = { epoch: numberParam };

  protected render(): void {
    // A slider moved before the snapshots arrived: draw when they do.
    if (!run) return void loading.then(() => this.render());
    const view = trainingView(run, this.settings);
    setRole(this, 'density', view.densitySvg);
    setRole(this, 'components', view.componentsSvg);
    setRole(this, 'weights', view.weightsSvg);
    setRole(this, 'nll', view.nllSvg);
    setRole(this, 'summary', view.line, 'text');
  }
}

if (!customElements.get('rdl-mdn-training')) customElements.define('rdl-mdn-training', MdnTrainingElement);
