/**
 * Sizes a canvas to `width`×`height` CSS pixels with a backing store at the screen's pixel ratio, so plots stay
 * sharp on high-DPI screens, and returns a 2-D context in CSS-pixel units (null if the browser gives none).
 */
export function hiDpiContext(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const dpr = globalThis.devicePixelRatio || 1;
  canvas.width = width * dpr;
  canvas.height = height * dpr;
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  ctx?.scale(dpr, dpr);
  return ctx;
}
