/**
 * What the width-vs-depth figure shows for one architecture: the net's output along a line with its breakpoints,
 * the region map of the same architecture on the plane, and the counts. Pure (strings out), shared by the
 * build-time render and the <rdl-depth-regions> element.
 */
import { regionRuns } from '../../kit/regions-svg.ts';
import { chartSvg, esc, palette, type Series } from '../../kit/svg-chart.ts';
import {
  countStats,
  evenWidths,
  lineUpperBound,
  patternGrid,
  randomReluNet,
  regions1d,
  zigzagNet,
  zigzagPieces,
  type CountStats,
  type PatternGrid,
} from './linear-regions-model.ts';

/** A colour per region: hues spread by the golden angle, so neighbouring ids differ. */
export function regionColor(id: number): string {
  const hue = (id * 137.508) % 360;
  const light = 62 + ((id * 7) % 3) * 8;
  return `hsl(${hue.toFixed(1)} 62% ${light}%)`;
}

/**
 * The grid as an SVG raster: one <path> per region, made of the horizontal runs of its cells, so the markup grows
 * with the number of region boundaries rather than with the number of cells.
 */
export function patternMapSvg(grid: PatternGrid, o: { px?: number; title: string }): string {
  const { size, ids } = grid;
  const px = o.px ?? 300;
  const runs = new Map<number, string[]>();
  for (const { row, c0, c1, cls: id } of regionRuns(ids, size)) {
    let list = runs.get(id);
    if (!list) runs.set(id, (list = []));
    list.push(`M${c0} ${size - 1 - row}h${c1 - c0}v1h${c0 - c1}z`); // SVG y grows downwards; grid row 0 is the bottom
  }
  const paths = [...runs].map(([id, d]) => `<path fill="${regionColor(id)}" d="${d.join('')}"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${px}" height="${px}" role="img" class="rdl-regions" shape-rendering="crispEdges"><title>${esc(o.title)}</title>${paths}</svg>`;
}

export interface RegionsSettings {
  /** Total hidden neurons. */
  budget: number;
  /** Hidden layers; the budget is split evenly. */
  depth: number;
  mode: 'random' | 'zigzag';
  seed: number;
}

/** Interval (1-D) and box (2-D) the random nets are examined on; the zigzag lives on [0, 1]. */
export const R = 2;
export const GRID = 96;
/** Zigzags with more pieces than this are counted, not drawn. */
const MAX_DRAWN = 25_000;

/** Depths that split `budget` into equal layers of at least 2 units. */
export function depthsFor(budget: number): number[] {
  return Array.from({ length: budget }, (_, i) => i + 1).filter((d) => budget % d === 0 && budget / d >= 2);
}

const sup = (n: number) => String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!);
/** 9 × 9 × 9 written as 9³ (the layers here are all the same width). */
const power = (base: number, times: number) => (times === 1 ? String(base) : `${base}${sup(times)}`);

export const archText = (widths: number[]) => (widths.length === 1 ? `1 layer of ${widths[0]}` : `${widths.length} layers of ${widths[0]}`);

export interface RegionsView {
  lineSvg: string;
  mapSvg: string | null;
  lines: string[];
}

export function regionsView(s: RegionsSettings): RegionsView {
  const widths = evenWidths(s.budget, s.depth);
  const zig = s.mode === 'zigzag';
  if (zig && zigzagPieces(widths) > MAX_DRAWN)
    return {
      lineSvg: '',
      mapSvg: null,
      lines: [`${archText(widths)}: the zigzag construction gives ${power(widths[0]!, widths.length)} = ${zigzagPieces(widths).toLocaleString('en-US')} pieces on [0, 1], too many to draw here.`],
    };
  const net = zig ? zigzagNet(widths) : randomReluNet(widths, 1, s.seed);
  const [lo, hi] = zig ? [0, 1] : [-R, R];
  const num = (v: number) => String(v).replace('-', '−');
  const r = regions1d(net, lo, hi);
  const interior = { x: r.knots.x.slice(1, -1), y: r.knots.y.slice(1, -1) };
  const series: Series[] = [{ name: 'output', x: r.knots.x, y: r.knots.y, color: palette[0]! }];
  // Thousands of dots would hide the curve; mark breakpoints only while they can be told apart.
  if (interior.x.length <= 150) series.push({ name: 'breakpoints', x: interior.x, y: interior.y, color: palette[5]!, mark: 'points' });
  const lineSvg = chartSvg({
    title: `Output of a ${zig ? 'zigzag' : 'random'} ReLU net with ${archText(widths)} along x from ${num(lo)} to ${num(hi)}`,
    width: 460,
    height: 260,
    xLabel: 'x',
    yLabel: 'network output',
    xDomain: [lo, hi],
    legend: false,
    series,
  });
  const lines = [
    `${archText(widths)} (${s.budget} neurons): ${r.regions.toLocaleString('en-US')} activation region${r.regions === 1 ? '' : 's'} on the line from ${num(lo)} to ${num(hi)}, ${r.pieces.toLocaleString('en-US')} linear piece${r.pieces === 1 ? '' : 's'} of the output.`,
    zig
      ? `The zigzag construction gives exactly ${power(widths[0]!, widths.length)} = ${zigzagPieces(widths).toLocaleString('en-US')} pieces.`
      : widths.length === 1
        ? `No net with one hidden layer of ${widths[0]} units can cut a line into more than ${widths[0]! + 1} pieces.`
        : `No net of this shape can cut a line into more than ${power(widths[0]! + 1, widths.length)} = ${lineUpperBound(widths).toLocaleString('en-US')} pieces.`,
  ];
  let mapSvg: string | null = null;
  if (!zig) {
    const grid = patternGrid(randomReluNet(widths, 2, s.seed), -R, R, GRID);
    mapSvg = patternMapSvg(grid, { px: 300, title: `Activation regions of a random ReLU net with 2 inputs and ${archText(widths)}, on the square from −${R} to ${R}` });
    lines.push(`With 2 inputs, the same shape shows ${grid.regions} distinct activation patterns on a ${GRID}×${GRID} grid over [−${R}, ${R}]².`);
  }
  return { lineSvg, mapSvg, lines };
}

export interface CountsRow {
  depth: number;
  width: number;
  /** ∏(n_l + 1): the most pieces any net of this shape can cut a line into. */
  bound: number;
  /** Pieces of the zigzag net of this shape on [0, 1] (counted, = ∏ n_l). */
  zigzag: number;
  /** Random nets, PyTorch init: activation regions along [−R, R]. */
  pytorch: CountStats;
  /** …and the linear pieces of their output. */
  pieces: CountStats;
  /** Random nets, He-scaled weights: activation regions along [−R, R]. */
  he: CountStats;
  /** Random nets with two inputs: distinct patterns on the GRID×GRID grid over [−R, R]². */
  plane: CountStats;
}

/** The counts table for a budget: every even split, `lineDraws` nets per shape on a line, `planeDraws` in the plane. */
export function regionCounts(budget: number, lineDraws = 100, planeDraws = 20): CountsRow[] {
  return depthsFor(budget).map((depth) => {
    const widths = evenWidths(budget, depth);
    const line = Array.from({ length: lineDraws }, (_, i) => regions1d(randomReluNet(widths, 1, i + 1), -R, R));
    return {
      depth,
      width: budget / depth,
      bound: lineUpperBound(widths),
      zigzag: regions1d(zigzagNet(widths), 0, 1).pieces,
      pytorch: countStats(lineDraws, (seed) => line[seed - 1]!.regions),
      pieces: countStats(lineDraws, (seed) => line[seed - 1]!.pieces),
      he: countStats(lineDraws, (seed) => regions1d(randomReluNet(widths, 1, seed, 'he'), -R, R).regions),
      plane: countStats(planeDraws, (seed) => patternGrid(randomReluNet(widths, 2, seed), -R, R, GRID).regions),
    };
  });
}
