/**
 * <rdl-underflow-line>: the interactive part of the underflow figure. The server-rendered markup shows the
 * measured line and the read-out at one distance; this element reveals the distance slider and redraws the marker
 * and the step-by-step read-out as it moves (plain TypeScript, no tfjs: the curves are the stored measurement).
 */
import { setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';
import { decodeLine, type StoredLine } from './underflow-model.ts';
import { underflowView } from './underflow-view.ts';
import stored from './underflow-line.json';

interface Settings {
  distance: number;
}

const data = stored as unknown as StoredLine;
const line = decodeLine(data);

class UnderflowLineElement extends FigureElement<Settings> {
  protected readonly params: ParamParsers<Settings> = { distance: numberParam };

  protected render(): void {
    const view = underflowView(data.mixture, line, this.settings.distance);
    setRole(this, 'chart', view.chart);
    setRole(this, 'steps', view.steps);
    setRole(this, 'summary', view.summary, 'text');
  }
}

if (!customElements.get('rdl-underflow-line')) customElements.define('rdl-underflow-line', UnderflowLineElement);
