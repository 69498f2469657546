import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { exerciseSchema } from '../graders/schema.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  // The same schema as the grader CLI: a bad exercise.yaml fails `npm run build` with the field that is wrong.
  exercises: defineCollection({
    loader: glob({ pattern: '*/*/exercise.yaml', base: './exercises', generateId: ({ entry }) => entry.replace(/\/exercise\.yaml$/, '') }),
    schema: exerciseSchema,
  }),
};
