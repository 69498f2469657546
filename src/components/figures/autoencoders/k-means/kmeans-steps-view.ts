/**
 * The k-means stepper figure's markup for one frame: the points (grey while seeding, then coloured by cluster), the
 * mini-batch outlined, the seeding's candidates as rings, the centres as crosses, and a line saying what the frame
 * does with the inertia. Pure (strings out), shared by the build-time render and the <rdl-kmeans-steps> element.
 */
import { esc, palette, r2 } from '../../kit/svg-basics.ts';
import { FRAMES, kmeansFrames, type StepsSettings } from './kmeans-steps-model.ts';

/** Plot box in data units, and the SVG's size in px. */
const LO = -4.5, HI = 4.5, PX = 340;
const sx = (v: number) => r2(((v - LO) / (HI - LO)) * PX);
const sy = (v: number) => r2(PX - ((v - LO) / (HI - LO)) * PX);

/** A centre's cross: a white halo under a coloured ×. */
function cross(x: number, y: number, color: string): string {
  const d = `M${x - 7} ${y - 7}L${x + 7} ${y + 7}M${x - 7} ${y + 7}L${x + 7} ${y - 7}`;
  return `<path d="${d}" stroke="white" stroke-width="6"/><path d="${d}" stroke="${color}" stroke-width="3"/>`;
}

export interface StepsView {
  svg: string;
  /** What the frame does, then the inertia. */
  lines: string[];
}

/** The frame `s.frame` of the run these settings make. */
export function stepsView(s: StepsSettings): StepsView {
  const { points, frames } = kmeansFrames(s);
  const frame = frames[Math.min(Math.max(s.frame, 0), FRAMES - 1)]!;
  const n = points.length / 2;
  const inBatch = new Set(frame.batch);
  const dots: string[] = [];
  for (let i = 0; i < n; i++) {
    const fill = frame.clusters ? palette[frame.clusters[i]! % palette.length]! : '#9a9a9a';
    const outline = inBatch.has(i) ? ' stroke="black" stroke-width="2" r="5"' : ' r="3"';
    dots.push(`<circle cx="${sx(points[2 * i]!)}" cy="${sy(points[2 * i + 1]!)}" fill="${fill}"${outline} fill-opacity="0.85"/>`);
  }
  const rings = frame.candidates.map((i) => {
    const kept = i === frame.chosen;
    return `<circle cx="${sx(points[2 * i]!)}" cy="${sy(points[2 * i + 1]!)}" r="10" fill="none" stroke="black" stroke-width="${kept ? 2.5 : 1.2}"${kept ? '' : ' stroke-dasharray="3 2"'}/>`;
  });
  const crosses = Array.from({ length: frame.centres.length / 2 }, (_, j) => cross(sx(frame.centres[2 * j]!), sy(frame.centres[2 * j + 1]!), frame.clusters ? palette[j % palette.length]! : 'black'));
  const title = `k-means, ${s.mode === 'full' ? "Lloyd's iterations" : 'mini-batch steps'} after ${s.seeding} seeding, frame ${s.frame + 1} of ${FRAMES}`;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${PX} ${PX}" width="${PX}" height="${PX}" role="img" class="rdl-kmeans-steps"><title>${esc(title)}</title>` +
    `<rect width="${PX}" height="${PX}" fill="none" stroke="currentColor" stroke-opacity="0.3"/>${dots.join('')}${rings.join('')}${crosses.join('')}</svg>`;
  return { svg, lines: [`Frame ${s.frame + 1} of ${FRAMES}. ${frame.what}`, `Inertia (sum of squared distances to the nearest centre): ${frame.inertia.toFixed(1)}`] };
}
