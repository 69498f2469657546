/**
 * <rdl-em-steps>: the interactive part of the EM figure. The server-rendered markup shows the last iteration; this
 * element reveals the step slider and redraws the plane, the NLL chart and the summary line for the chosen step
 * (plain TypeScript: the trajectory is precomputed, em-trajectory.json).
 */
import trajectory from './em-trajectory.json';
import { emStepsView, type EmStepsSettings, type EmTrajectory } from './em-steps-view.ts';
import { setRole } from '../../kit/controls.ts';
import { FigureElement, numberParam, type ParamParsers } from '../../kit/figure-element.ts';

const data = trajectory.trajectory as EmTrajectory;

class EmStepsElement extends FigureElement<EmStepsSettings> {
  protected readonly params: ParamParsers<EmStepsSettings> = { step: numberParam };

  protected render(): void {
    const view = emStepsView(data, this.settings);
    setRole(this, 'plane', view.planeSvg);
    setRole(this, 'nll', view.nllSvg);
    setRole(this, 'summary', view.line, 'text');
  }
}

if (!customElements.get('rdl-em-steps')) customElements.define('rdl-em-steps', EmStepsElement);
