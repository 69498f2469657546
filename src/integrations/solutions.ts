/**
 * Whether the built site publishes the exercises' solutions. One setting, read at build time:
 * `RDL_SOLUTIONS=off npm run build` builds a course for graded use, with no solution anywhere in the site (no
 * solution file is emitted and the "Show solution" button says that solutions are off for this course). Anything
 * else, or unset, publishes them: one JSON file per exercise, fetched only when the learner unlocks it
 * (src/pages/solutions/[...id].json.ts).
 */
export const solutionsSetting = 'RDL_SOLUTIONS';

export const solutionsPublished = (env: Record<string, string | undefined> = process.env): boolean => env[solutionsSetting] !== 'off';
