/**
 * The course's series colours, shared by the exercise plots (plots/regions-plot.ts) and the lesson figures
 * (figures/kit/svg-basics.ts re-exports it). A module of its own, with no imports, so a plot that needs only the
 * colours pulls nothing else into its bundle.
 */

/** Colour-blind-safe palette (Okabe–Ito). */
export const palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'];
