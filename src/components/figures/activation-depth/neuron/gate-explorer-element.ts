/**
 * <rdl-gate-explorer>: the interactive part of the gate explorer. The server-rendered markup already shows the heat
 * map, corner table and verdict for the default weights; this element reveals the sliders and presets and redraws
 * all three from the same pure functions whenever a weight changes.
 */
import { cornerTableHtml, formulaText, heatmapSvg, verdictText } from './gate-explorer-view.ts';
import type { Unit } from './neuron-model.ts';
import { paramControls, setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';

class GateExplorerElement extends FigureElement<Unit> {
  protected readonly params: ParamParsers<Unit> = { w1: numberParam, w2: numberParam, b: numberParam };

  /** No data-settings: the three sliders hold the whole state and are read before every render. */
  protected initialSettings(): Unit {
    return { w1: 0, w2: 0, b: 0 };
  }

  protected connected(): void {
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-preset]'))
      button.addEventListener('click', () => {
        const preset = JSON.parse(button.dataset.preset!) as Unit;
        for (const input of paramControls(this)) input.value = String(preset[input.dataset.param as keyof Unit]);
        this.schedule();
      });
  }

  protected render(): void {
    const u = this.settings;
    setRole(this, 'svg', heatmapSvg(u));
    setRole(this, 'table', cornerTableHtml(u));
    setRole(this, 'formula', formulaText(u), 'text');
    setRole(this, 'verdict', verdictText(u), 'text');
  }
}

if (!customElements.get('rdl-gate-explorer')) customElements.define('rdl-gate-explorer', GateExplorerElement);
