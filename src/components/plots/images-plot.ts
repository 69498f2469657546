/**
 * The live `images` frame (strips of small grey images the learner's code reports while training): drawn by the
 * after-run image-grid renderer, so reconstructions look the same live and at the end.
 */
import type { ImageGridPlot } from '../../../graders/problem.ts';
import type { LiveImages } from '../../runtime/live-frames/images.ts';
import { drawImageGridPlot } from './image-grid-plot.ts';

/** A validated live frame as the image-grid plot it draws like. */
export function imagesAsGrid(frame: LiveImages): ImageGridPlot {
  return { kind: 'image-grid', rows: frame.rows, cols: frame.cols, strips: frame.strips.map((s) => ({ label: s.label, images: Float32Array.from(s.images) })) };
}

export function drawImagesPlot(canvas: HTMLCanvasElement, frame: LiveImages): void {
  drawImageGridPlot(canvas, imagesAsGrid(frame));
}
