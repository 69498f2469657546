/**
 * The base class of the interactive figures' custom elements. What every one of them did by hand: read the settings
 * the page was rendered with (data-settings, JSON), reveal the controls, turn each data-param control's value into a
 * typed setting (and show it in the label's <output>), and redraw at most once per animation frame while a slider is
 * dragged. A figure declares how its parameters parse and how it renders; anything else (buttons, radios, a slider
 * whose index maps to a computed list) it wires in `connected`, calling `schedule` after changing `settings`.
 *
 * Without JavaScript the element never upgrades and the page keeps the markup the build rendered with the same view
 * functions, so nothing here runs at build time.
 */
import { oncePerFrame, paramControls, paramValue, revealControls, type ParamControl } from './controls.ts';

/** Turns a control's value (a string, or a number picked from its data-values list) into a setting's type. */
export type ParamParser<T> = (value: string | number) => T;

/** The parser of each setting that a data-param control sets, keyed by the control's data-param name. */
export type ParamParsers<S> = { [K in keyof S]?: ParamParser<S[K]> };

/** A numeric parameter (a slider, or a select of numbers). */
export const numberParam: ParamParser<number> = (v) => Number(v);

/** A parameter that takes one of `values`; anything else is a bug in the figure's markup, so it throws. */
export function oneOf<T extends string>(values: readonly T[]): ParamParser<T> {
  return (v) => {
    const known = (values as readonly (string | number)[]).includes(v);
    if (!known) throw new Error(`unexpected value ${String(v)}: expected one of ${values.join(', ')}`);
    return v as T;
  };
}

/**
 * An interactive figure's custom element, with settings of type `S`. Subclasses declare `params` and `render`, and
 * optionally `connected` (extra wiring) and `initialSettings` (when the markup has no data-settings).
 */
export abstract class FigureElement<S extends object> extends HTMLElement {
  /** The figure's current settings: data-settings, then every change of a bound control. */
  protected settings!: S;

  /** How each bound control's value becomes a setting; controls whose data-param is not listed are left alone. */
  protected abstract readonly params: ParamParsers<S>;

  /** Redraws the figure from `settings` (the bound controls have just been read). */
  protected abstract render(): void;

  /** Wires anything beyond the bound controls (buttons, radios); called once, after the controls are revealed. */
  protected connected(): void {}

  /** The settings before any control moves: the element's data-settings. A figure without it overrides this. */
  protected initialSettings(): S {
    if (!this.dataset.settings) throw new Error(`<${this.localName}> is missing data-settings`);
    return JSON.parse(this.dataset.settings) as S;
  }

  connectedCallback(): void {
    this.settings = this.initialSettings();
    revealControls(this);
    for (const el of this.boundControls()) el.addEventListener('input', this.schedule);
    this.connected();
  }

  /** Reads the bound controls and redraws, at most once per animation frame however often it is called. */
  protected readonly schedule = oncePerFrame(() => {
    this.readParams();
    this.render();
  });

  /** The data-param controls this figure declared a parser for. */
  private boundControls(): ParamControl[] {
    return paramControls(this).filter((el) => el.dataset.param! in this.params);
  }

  /** Copies every bound control's parsed value into `settings` and shows it in the <output> of its label. */
  private readParams(): void {
    const parsers = this.params as Record<string, ParamParser<unknown>>;
    const settings = this.settings as Record<string, unknown>;
    for (const el of this.boundControls()) {
      const v = paramValue(el);
      settings[el.dataset.param!] = parsers[el.dataset.param!]!(v);
      const out = el.parentElement?.querySelector('output');
      if (out) out.textContent = String(v);
    }
  }
}
