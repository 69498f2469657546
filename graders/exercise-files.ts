/**
 * Reads exercises from disk (Node only: the CLI, tests and benchmarks). The site reads the same files through
 * the Astro content collection, validated by the same schema.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { parseExercise, type ExerciseMeta } from './schema.ts';

/** The repository's `exercises/` folder. */
export const exercisesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'exercises');

export interface ExerciseFiles {
  meta: ExerciseMeta;
  dir: string;
  starter: string;
  solution: string;
}

/** Parses YAML text and validates it; errors name `where` and the bad fields. */
export function parseExerciseYaml(text: string, id: string, where: string): ExerciseMeta {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (e) {
    throw new Error(`${where} is not valid YAML: ${(e as Error).message}`);
  }
  return { ...parseExercise(raw, where), id };
}

/** Every exercise id (`<module-folder>/<exercise-folder>`) that has an exercise.yaml, in course order. */
export function listExerciseIds(root = exercisesDir): string[] {
  const ids: string[] = [];
  for (const mod of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort())
    for (const ex of readdirSync(path.join(root, mod), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort())
      if (existsSync(path.join(root, mod, ex, 'exercise.yaml'))) ids.push(`${mod}/${ex}`);
  return ids;
}

/** Loads one exercise by id; throws a clear error for an unknown id or a bad exercise.yaml. */
export function loadExercise(id: string, root = exercisesDir): ExerciseFiles {
  const dir = path.join(root, id);
  const yamlPath = path.join(dir, 'exercise.yaml');
  if (!/^[\w-]+\/[\w-]+$/.test(id) || !existsSync(yamlPath))
    throw new Error(`Unknown exercise "${id}". Known exercises: ${listExerciseIds(root).join(', ') || '(none)'}.`);
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  return { meta: parseExerciseYaml(read('exercise.yaml'), id, path.relative(process.cwd(), yamlPath)), dir, starter: read('starter.ts'), solution: read('solution.ts') };
}
