/**
 * The sidebar's lesson links as course-navigation.ts relabels them: numbered within their module and, for a lesson
 * with exercises, marked (`data-exercises`, which course.css draws as a pencil), named so in words and given its
 * exercises' ids (`data-exercise-ids`, for the "exercises passed" mark the page adds). Pure, apart
 * from Starlight's types, so it is tested without Astro.
 */
import type { StarlightRouteData } from '@astrojs/starlight/route-data';
import { numberedTitle, type LessonOutline } from '../components/course-outline.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];

/** How many exercises, in words, for a link's accessible name and tooltip. */
export const exerciseNote = (count: number): string => (count === 1 ? 'has an exercise' : `has ${count} exercises`);

/** A copy of `entries` with every lesson link numbered and marked; groups are copied, other links kept as they are. */
export function labelLessons(entries: readonly SidebarEntry[], lessons: ReadonlyMap<string, LessonOutline>): SidebarEntry[] {
  return entries.map((entry): SidebarEntry => {
    if (entry.type === 'group') return { ...entry, entries: labelLessons(entry.entries, lessons) };
    const lesson = lessons.get(entry.href);
    if (!lesson) return entry;
    const label = numberedTitle(lesson);
    const count = lesson.exercises.length;
    if (count === 0) return { ...entry, label };
    const note = exerciseNote(count);
    // The visible label starts the accessible name (WCAG 2.5.3, label in name); the pencil itself is decoration.
    // The ids let the page mark the lesson once they have all passed in this browser (sidebar-results.ts).
    const ids = lesson.exercises.map((e) => e.id).join(' ');
    const attrs = { ...entry.attrs, 'aria-label': `${label}, ${note}`, title: note, 'data-exercises': String(count), 'data-exercise-ids': ids };
    return { ...entry, label, attrs };
  });
}
