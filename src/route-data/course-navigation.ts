/**
 * Starlight route middleware: the way into the course, generated from the content collections (course-outline.ts)
 * so that no page names a lesson that may move when a module lands.
 *
 * - The sidebar numbers each module's lessons ("1. Mixture distributions") and marks a lesson that hosts an
 *   exercise with a pencil (drawn by CSS: src/styles/course.css, `a[data-exercises]`), whose meaning the link's
 *   aria-label and title say in words ("has an exercise").
 * - The home page's hero button leads to the course's first lesson and names it.
 *
 * The sidebar's groups and their order come from src/integrations/module-sidebar.ts (config time, before the
 * collections exist); this only relabels links the outline knows, so a page outside the modules is left alone.
 */
import { getCollection } from 'astro:content';
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { courseOutline, firstLesson, lessonsByHref, numberedTitle, type LessonOutline } from '../components/course-outline.ts';

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
    const attrs = { ...entry.attrs, 'aria-label': `${label}, ${note}`, title: note, 'data-exercises': String(count) };
    return { ...entry, label, attrs };
  });
}

export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const outline = courseOutline(await getCollection('docs'), await getCollection('exercises'));
  // New objects: Starlight's pagination links are the sidebar's own entries, and keep the lesson's plain title.
  route.sidebar = labelLessons(route.sidebar, lessonsByHref(outline));

  const hero = route.entry.data.hero;
  const start = firstLesson(outline);
  if (route.id === '' && hero && start) {
    const action = { text: `Start with lesson 1: ${start.lesson.title}`, link: start.lesson.href, icon: { type: 'icon' as const, name: 'right-arrow' as const }, variant: 'primary' as const, attrs: {} };
    route.entry = { ...route.entry, data: { ...route.entry.data, hero: { ...hero, actions: [action, ...hero.actions] } } };
  }
});
