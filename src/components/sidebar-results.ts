/**
 * The sidebar's "exercises passed" marks: beside each lesson whose exercises have all passed in this browser (a pass
 * sticks: result-record.ts), a check that is an element named "exercises passed", and the link's accessible name
 * says so too. Lesson links carry their exercises' ids (`data-exercise-ids`, src/route-data/lesson-labels.ts).
 * Updated when a run records a result on this page (code-store.ts `recordEvent`) or in another tab (`storage`).
 */
import { loadRecord, recordEvent } from '../runtime/code-store.ts';
import { allPassed } from '../runtime/result-record.ts';

/** The mark's accessible name, added to the link's name after a comma. */
export const passedNote = 'exercises passed';

function markLessons(): void {
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.sidebar-content a[data-exercise-ids]')) {
    const ids = link.dataset.exerciseIds!.split(' ').filter(Boolean);
    const passed = allPassed(ids, (id) => loadRecord(id).record);
    const base = (link.dataset.baseLabel ??= link.getAttribute('aria-label') ?? link.textContent!.trim());
    let mark = link.querySelector<HTMLElement>('.rdl-passed-mark');
    if (passed && !mark) {
      mark = Object.assign(document.createElement('span'), { className: 'rdl-passed-mark', textContent: '✓' });
      mark.setAttribute('role', 'img');
      mark.setAttribute('aria-label', passedNote);
      link.append(mark);
    } else if (!passed) mark?.remove();
    link.setAttribute('aria-label', passed ? `${base}, ${passedNote}` : base);
  }
}

markLessons();
window.addEventListener(recordEvent, markLessons);
window.addEventListener('storage', (e) => {
  if (e.key === null || e.key.startsWith('rdl:result:')) markLessons();
});
