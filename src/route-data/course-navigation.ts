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
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { courseOutline, firstLesson, lessonsByHref } from '../components/course-outline.ts';
import { labelLessons } from './lesson-labels.ts';

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
