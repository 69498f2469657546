/**
 * One static file per exercise, `/solutions/<exercise id>.json` = `{ "id", "code" }`: the reference solution, which
 * the exercise fetches only once the learner unlocks it (help-state.ts), so that it is in no page's HTML or JS.
 * None are emitted when the course is built for graded use (RDL_SOLUTIONS=off: src/integrations/solutions.ts).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { solutionsPublished } from '../../integrations/solutions.ts';

const solutions = import.meta.glob<string>('../../../exercises/*/*/solution.ts', { query: '?raw', import: 'default', eager: true });

export const getStaticPaths = (() =>
  solutionsPublished()
    ? Object.entries(solutions).map(([file, code]) => ({ params: { id: file.split('/').slice(-3, -1).join('/') }, props: { code } }))
    : []) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params, props }) =>
  new Response(JSON.stringify({ id: params.id, code: (props as { code: string }).code }), { headers: { 'Content-Type': 'application/json' } });
