/**
 * <rdl-gate-explorer>: the interactive part of the gate explorer. The server-rendered markup already shows the heat
 * map, corner table and verdict for the default weights; this element reveals the sliders and presets and redraws
 * all three from the same pure functions whenever a weight changes.
 */
import { cornerTableHtml, formulaText, heatmapSvg, verdictText, type Unit } from './gate-explorer.ts';

const params = ['w1', 'w2', 'b'] as const;

class GateExplorerElement extends HTMLElement {
  private frame = 0;

  connectedCallback(): void {
    const controls = this.querySelector<HTMLElement>('[data-role="controls"]');
    if (controls) controls.hidden = false;
    for (const input of this.inputs()) input.addEventListener('input', () => this.schedule());
    for (const button of this.querySelectorAll<HTMLButtonElement>('button[data-preset]'))
      button.addEventListener('click', () => {
        const preset = JSON.parse(button.dataset.preset!) as Unit;
        for (const input of this.inputs()) input.value = String(preset[input.dataset.param as keyof Unit]);
        this.schedule();
      });
  }

  private inputs(): HTMLInputElement[] {
    return [...this.querySelectorAll<HTMLInputElement>('input[data-param]')];
  }

  private unit(): Unit {
    const u: Unit = { w1: 0, w2: 0, b: 0 };
    for (const input of this.inputs()) {
      const p = input.dataset.param as (typeof params)[number];
      if (params.includes(p)) u[p] = Number(input.value);
    }
    return u;
  }

  /** Redraws at most once per animation frame while a slider is dragged. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render();
    });
  }

  private render(): void {
    const u = this.unit();
    for (const input of this.inputs()) {
      const out = input.parentElement?.querySelector('output');
      if (out) out.textContent = input.value;
    }
    const set = (role: string, html: string, text = false) => {
      const el = this.querySelector<HTMLElement>(`[data-role="${role}"]`);
      if (el) el[text ? 'textContent' : 'innerHTML'] = html;
    };
    set('svg', heatmapSvg(u));
    set('table', cornerTableHtml(u));
    set('formula', formulaText(u), true);
    set('verdict', verdictText(u), true);
  }
}

if (!customElements.get('rdl-gate-explorer')) customElements.define('rdl-gate-explorer', GateExplorerElement);
