/**
 * Starlight route middleware: a "Previous" / "Next" link to a module's overview is labelled with the module's title
 * ("Activation & depth"), not with the overview's sidebar label. Starlight names pagination links after sidebar
 * entries, and every overview's entry is "Overview" (src/integrations/module-sidebar.ts), which at the foot of a
 * page would not say where it leads.
 */
import { defineRouteMiddleware, type StarlightRouteData } from '@astrojs/starlight/route-data';
import { OVERVIEW_LABEL } from '../integrations/module-sidebar.ts';

type SidebarEntry = StarlightRouteData['sidebar'][number];

/** Overview href → module title, from the sidebar groups whose first entry is an overview. */
function overviewTitles(sidebar: readonly SidebarEntry[]): Map<string, string> {
  const titles = new Map<string, string>();
  for (const group of sidebar) {
    if (group.type !== 'group') continue;
    const first = group.entries[0];
    if (first?.type === 'link' && first.label === OVERVIEW_LABEL) titles.set(first.href, group.label);
  }
  return titles;
}

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const titles = overviewTitles(route.sidebar);
  // New objects: the pagination links are the sidebar's own entries, whose label must stay "Overview".
  for (const side of ['prev', 'next'] as const) {
    const link = route.pagination[side];
    const title = link && titles.get(link.href);
    if (link && title) route.pagination[side] = { ...link, label: title };
  }
});
