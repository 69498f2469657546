/**
 * The contingency figure as an HTML table: rows are the hidden digits, columns the clusters (in the order of the
 * digit each is matched to), each cell the count of that digit in that cluster, shaded by its share of the row; the
 * cells the Hungarian matching pairs are outlined. Pure, so the build renders it into the page.
 */

/** A clustering against the labels, as pipeline-contingency.json holds it. */
export interface ContingencyData {
  /** counts[digit][cluster]. */
  counts: number[][];
  /** classOf[cluster]: the digit the matching pairs it with (−1: none). */
  classOf: number[];
  accuracy: number;
  n: number;
}

/** Cluster ids in the order of their matched digit (unmatched clusters last), so the matched cells form the diagonal. */
export function clusterOrder(d: ContingencyData): number[] {
  return d.classOf.map((digit, c) => [digit < 0 ? Infinity : digit, c] as const).sort((a, b) => a[0] - b[0]).map(([, c]) => c);
}

/** The matched count: images in their digit's cluster (the accuracy's numerator). */
export const matchedCount = (d: ContingencyData) => d.classOf.reduce((s, digit, c) => s + (digit >= 0 ? d.counts[digit]![c]! : 0), 0);

/** The table's HTML. */
export function contingencyTableHtml(d: ContingencyData): string {
  const order = clusterOrder(d);
  const head = order.map((c) => `<th scope="col">${c}<br><span class="match">→ ${d.classOf[c]! >= 0 ? d.classOf[c] : '–'}</span></th>`).join('');
  const body = d.counts
    .map((row, digit) => {
      const total = row.reduce((a, b) => a + b, 0) || 1;
      const cells = order
        .map((c) => {
          const v = row[c]!;
          const matched = d.classOf[c] === digit;
          // The palette's blue, more opaque the larger the digit's share in this cluster (at most 0.55: text stays legible).
          const alpha = ((v / total) * 0.55).toFixed(2);
          return `<td${matched ? ' class="matched"' : ''} style="background: rgb(0 114 178 / ${alpha})">${v || ''}</td>`;
        })
        .join('');
      return `<tr><th scope="row">${digit}</th>${cells}</tr>`;
    })
    .join('');
  return `<table class="contingency"><caption>digit (row) × cluster (column; → the digit it is matched to)</caption><thead><tr><th scope="col">digit</th>${head}</tr></thead><tbody>${body}</tbody></table>`;
}
