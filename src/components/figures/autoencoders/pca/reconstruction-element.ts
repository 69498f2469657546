/**
 * <rdl-pca-reconstruction>: the interactive part of the reconstruction figure. The server-rendered markup shows
 * k = 10; this element reveals the slider and rebuilds the digits from k components as it moves (plain
 * TypeScript on the stored mean and components, no tfjs).
 */
import { setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';
import type { PcaFigureData } from './pca-model.ts';
import { reconstructionView } from './pca-view.ts';
import stored from './pca-figure.json';

interface Settings {
  k: number;
}

const data = stored as unknown as PcaFigureData;

class PcaReconstructionElement extends FigureElement<Settings> {
  protected readonly params: ParamParsers<Settings> = { k: numberParam };

  protected render(): void {
    const view = reconstructionView(data, this.settings.k);
    setRole(this, 'digits', view.digits);
    setRole(this, 'chart', view.chart);
    setRole(this, 'summary', view.summary, 'text');
  }
}

if (!customElements.get('rdl-pca-reconstruction')) customElements.define('rdl-pca-reconstruction', PcaReconstructionElement);
