/**
 * <rdl-depth-regions>: the interactive part of the width-vs-depth figure. The server-rendered markup shows one
 * net; this element reveals the controls and redraws the line plot, the region map and the counts whenever the
 * budget, the depth, the weights or the mode change (plain TypeScript, no tfjs).
 */
import { depthsFor, regionsView, type RegionsSettings } from './depth-regions-view.ts';
import { byRole, setRole } from '../../kit/controls.ts';
import { FigureElement, type ParamParsers } from '../../kit/figure-element.ts';

class DepthRegionsElement extends FigureElement<RegionsSettings> {
  // No bound controls: the depth slider's index picks from a list that depends on the budget, so both are wired
  // by hand below.
  protected readonly params: ParamParsers<RegionsSettings> = {};

  protected connected(): void {
    const s = this.settings;
    const budget = this.querySelector<HTMLSelectElement>('[data-param="budget"]')!;
    const depth = this.querySelector<HTMLInputElement>('[data-param="depth"]')!;
    budget.addEventListener('input', () => {
      // Keep the depth when the new budget allows it, else take the nearest smaller one.
      const depths = depthsFor(Number(budget.value));
      const keep = depths.filter((d) => d <= s.depth).pop() ?? 1;
      s.budget = Number(budget.value);
      s.depth = keep;
      depth.max = String(depths.length - 1);
      depth.value = String(depths.indexOf(keep));
      this.schedule();
    });
    depth.addEventListener('input', () => {
      s.depth = depthsFor(s.budget)[Number(depth.value)]!;
      this.schedule();
    });
    for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]'))
      radio.addEventListener('change', () => {
        if (radio.checked) s.mode = radio.value as RegionsSettings['mode'];
        this.schedule();
      });
    byRole(this, 'resample')?.addEventListener('click', () => {
      s.seed += 1;
      s.mode = 'random';
      for (const radio of this.querySelectorAll<HTMLInputElement>('input[type="radio"]')) radio.checked = radio.value === 'random';
      this.schedule();
    });
  }

  protected render(): void {
    const s = this.settings;
    const view = regionsView(s);
    setRole(this, 'line', view.lineSvg);
    setRole(this, 'map', view.mapSvg ?? '');
    setRole(this, 'summary', view.lines.map((l) => `<li>${l}</li>`).join(''));
    setRole(this, 'arch', `${s.depth} × ${s.budget / s.depth}`, 'text');
    setRole(this, 'seed', String(s.seed), 'text');
  }
}

if (!customElements.get('rdl-depth-regions')) customElements.define('rdl-depth-regions', DepthRegionsElement);
