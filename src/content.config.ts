import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { glob } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { exerciseSchema } from '../graders/schema.ts';

/**
 * Frontmatter that makes a folder's `index.mdx` a course module's overview page. The sidebar, the home page's module
 * cards and the overview's lesson list are all generated from it and from the pages and exercises of the folder, so
 * a module that lands needs no edits elsewhere (docs/adding-a-module.md).
 */
const moduleSchema = z
  .object({
    number: z.number().int().nonnegative().describe('Position of the module in the course (1, 2, …; 0 for the "Start here" section before module 1, whose card carries no number): orders the sidebar groups and the home page cards.'),
  })
  .strict();

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: z.object({ module: moduleSchema.optional() }) }) }),
  // The same schema as the grader CLI: a bad exercise.yaml fails `npm run build` with the field that is wrong.
  exercises: defineCollection({
    loader: glob({ pattern: '*/*/exercise.yaml', base: './exercises', generateId: ({ entry }) => entry.replace(/\/exercise\.yaml$/, '') }),
    schema: exerciseSchema,
  }),
};
