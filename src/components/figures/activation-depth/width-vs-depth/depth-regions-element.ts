/**
 * <rdl-depth-regions>: the interactive part of the width-vs-depth figure. The server-rendered markup shows one
 * net; this element reveals the controls and redraws the line plot, the region map and the counts whenever the
 * budget, the depth, the weights or the mode change (plain TypeScript, no tfjs).
 */
import { depthsFor, regionsView, type RegionsSettings } from './depth-regions-view.ts';
import { byRole, oncePerFrame, revealControls, setRole } from '../../kit/controls.ts';

class DepthRegionsElement extends HTMLElement {
  private s!: RegionsSettings;

  connectedCallback(): void {
    this.s = JSON.parse(this.dataset.settings!) as RegionsSettings;
    revealControls(this);
    const budget = this.querySelector<HTMLSelectElement>('[data-param="budget"]')!;
    const depth = this.querySelector<HTMLInputElement>('[data-param="depth"]')!;
    budget.addEventListener('input', () => {
      // Keep the depth when the new budget allows it, else take the nearest smaller one.
      const depths = depthsFor(Number(budget.value));
      const keep = depths.filter((d) => d <= this.s.depth).pop() ?? 1;
      this.s.budget = Number(budget.value);
      this.s.depth = keep;
      depth.max = String(depths.length - 1);
      depth.value = String(depths.indexOf(keep));
      this.schedule();
    });
    depth.addEventListener('input', () => {
      this.s.depth = depthsFor(this.s.budget)[Number(depth.value)]!;
      this.schedule();
    });
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]'))
      radio.addEventListener('change', () => {
        if (radio.checked) this.s.mode = radio.value as RegionsSettings['mode'];
        this.schedule();
      });
    byRole(this, 'resample')?.addEventListener('click', () => {
      this.s.seed += 1;
      this.s.mode = 'random';
      for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === 'random';
      this.schedule();
    });
  }

  /** Redraws at most once per animation frame while a slider is dragged. */
  private readonly schedule = oncePerFrame(() => this.render());

  private render(): void {
    const view = regionsView(this.s);
    setRole(this, 'line', view.lineSvg);
    setRole(this, 'map', view.mapSvg ?? '');
    setRole(this, 'summary', view.lines.map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'arch', `${this.s.depth} × ${this.s.budget / this.s.depth}`, 'text');
    setRole(this, 'seed', String(this.s.seed), 'text');
  }
}

if (!customElements.get('rdl-depth-regions')) customElements.define('rdl-depth-regions', DepthRegionsElement);
