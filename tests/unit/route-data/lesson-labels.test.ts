/**
 * The sidebar's lesson links: numbered in their module, marked and named when they host exercises, everything else
 * (the overview, pages outside the modules, groups) kept, and the entries Starlight's pagination shares untouched.
 */
import { describe, expect, it } from 'vitest';
import { exerciseNote, labelLessons } from '../../../src/route-data/lesson-labels.ts';
import { lessonsByHref, type ModuleOutline } from '../../../src/components/course-outline.ts';

type Entries = Parameters<typeof labelLessons>[0];
const link = (label: string, href: string) => ({ type: 'link' as const, label, href, isCurrent: false, badge: undefined, attrs: {} });
const outline: ModuleOutline[] = [
  {
    directory: 'm',
    number: 1,
    title: 'Module',
    description: undefined,
    href: '/m/',
    lessons: [
      { id: 'm/a', number: 1, title: 'First', href: '/m/a/', exercises: [{ id: '01-m/01-x', title: 'X' }] },
      { id: 'm/b', number: 2, title: 'Second', href: '/m/b/', exercises: [] },
      { id: 'm/c', number: 3, title: 'Third', href: '/m/c/', exercises: [{ id: '01-m/02-y', title: 'Y' }, { id: '01-m/03-z', title: 'Z' }] },
    ],
  },
];

describe('labelLessons', () => {
  const sidebar: Entries = [
    { type: 'group', label: 'Module', entries: [link('Overview', '/m/'), link('First', '/m/a/'), link('Second', '/m/b/'), link('Third', '/m/c/')], collapsed: false, badge: undefined },
    link('Your progress', '/progress/'),
  ];
  const labelled = labelLessons(sidebar, lessonsByHref(outline));
  const group = labelled[0] as Extract<Entries[number], { type: 'group' }>;

  it('numbers lessons and leaves the overview and pages outside the modules as they are', () => {
    expect(group.entries.map((e) => e.label)).toEqual(['Overview', '1. First', '2. Second', '3. Third']);
    expect(labelled[1]).toBe(sidebar[1]);
  });

  it('marks a lesson with exercises and says so in its accessible name, after the visible label', () => {
    expect(group.entries.map((e) => (e.type === 'link' ? e.attrs : {}))).toEqual([
      {},
      { 'aria-label': '1. First, has an exercise', title: 'has an exercise', 'data-exercises': '1', 'data-exercise-ids': '01-m/01-x' },
      {},
      { 'aria-label': '3. Third, has 2 exercises', title: 'has 2 exercises', 'data-exercises': '2', 'data-exercise-ids': '01-m/02-y 01-m/03-z' },
    ]);
    expect(exerciseNote(1)).toBe('has an exercise');
  });

  it('copies rather than edits: the entries Starlight shares with its pagination keep their labels', () => {
    const original = (sidebar[0] as typeof group).entries[1]!;
    expect(original.label).toBe('First');
    expect(group.entries[1]).not.toBe(original);
  });
});
