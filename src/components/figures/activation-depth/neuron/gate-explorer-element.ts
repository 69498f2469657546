/**
 * <rdl-gate-explorer>: the interactive part of the gate explorer. The server-rendered markup already shows the heat
 * map, corner table and verdict for the default weights; this element reveals the sliders and presets and redraws
 * all three from the same pure functions whenever a weight changes.
 */
import { cornerTableHtml, formulaText, heatmapSvg, verdictText, type Unit } from './gate-explorer-view.ts';
import { oncePerFrame, paramControls, readParams, revealControls, setRole } from '../../kit/controls.ts';

const params = ['w1', 'w2', 'b'] as const;
const isParam = (p: string): p is (typeof params)[number] => (params as readonly string[]).includes(p);

class GateExplorerElement extends HTMLElement {
  connectedCallback(): void {
    revealControls(this);
    for (const input of paramControls(this)) input.addEventListener('input', this.schedule);
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-preset]'))
      button.addEventListener('click', () => {
        const preset = JSON.parse(button.dataset.preset!) as Unit;
        for (const input of paramControls(this)) input.value = String(preset[input.dataset.param as keyof Unit]);
        this.schedule();
      });
  }

  /** Redraws at most once per animation frame while a slider is dragged. */
  private readonly schedule = oncePerFrame(() => this.render());

  private render(): void {
    const u: Unit = { w1: 0, w2: 0, b: 0 };
    readParams(this, (p, v) => {
      if (isParam(p)) u[p] = Number(v);
    });
    setRole(this, 'svg', heatmapSvg(u));
    setRole(this, 'table', cornerTableHtml(u));
    setRole(this, 'formula', formulaText(u), 'text');
    setRole(this, 'verdict', verdictText(u), 'text');
  }
}

if (!customElements.get('rdl-gate-explorer')) customElements.define('rdl-gate-explorer', GateExplorerElement);
