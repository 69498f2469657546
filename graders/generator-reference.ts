/**
 * The reference of every generator, built from the generators themselves: task kind, parameters (from their zod
 * schema: type, constraints, default and `.describe()` text) and metrics. `npm run grade -- --list-generators`
 * prints it and docs/generators.md is the same text, so neither the README nor the schema repeats it by hand.
 */
import { z } from 'zod';
import { generators, taskKinds, type GeneratorName } from './problems/index.ts';

/** The bits of a JSON Schema (draft 2020-12, as zod writes it) this reference reads. */
interface JsonSchema {
  type?: string;
  items?: JsonSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  default?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
}

/** One parameter of a generator, as authors read it. */
export interface ParamDoc {
  name: string;
  /** e.g. "integer ≥ 1", "number[][] (≥ 2 items)", "NOT | AND | OR". */
  type: string;
  required: boolean;
  default?: unknown;
  /** The schema's `.describe()` text; '' when a parameter has none (the generator-reference test fails then). */
  description: string;
}

// zod writes .int() as integer ≤ Number.MAX_SAFE_INTEGER: a limit of the representation, not of the parameter.
const noLimit = Number.MAX_SAFE_INTEGER;

/** A schema's type in a few words: element type, nesting as [] and its numeric or length constraints. */
function typeText(s: JsonSchema): string {
  if (s.enum) return s.enum.map(String).join(' | ');
  if (s.type === 'array' && s.items) {
    const inner = typeText(s.items);
    const items = s.minItems ? ` (≥ ${s.minItems} item${s.minItems > 1 ? 's' : ''})` : '';
    return `${/[ |]/.test(inner) ? `(${inner})` : inner}[]${items}`;
  }
  const bounds = [
    s.exclusiveMinimum !== undefined ? `> ${s.exclusiveMinimum}` : s.minimum !== undefined ? `≥ ${s.minimum}` : '',
    s.maximum !== undefined && s.maximum !== noLimit ? `≤ ${s.maximum}` : '',
  ].filter(Boolean);
  return [s.type ?? 'any', ...bounds].join(' ');
}

/** A generator's parameters, in schema order. */
export function paramDocs(name: GeneratorName): ParamDoc[] {
  const schema = z.toJSONSchema(generators[name].params, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([param, s]) => ({
    name: param,
    type: typeText(s),
    required: required.has(param),
    ...(s.default !== undefined && { default: s.default }),
    description: s.description ?? '',
  }));
}

// Markdown table cells: a pipe would end the cell.
const cell = (text: string) => text.replaceAll('|', '\\|');

/** The whole reference as Markdown (docs/generators.md and `--list-generators` print exactly this). */
export function generatorReference(): string {
  const out = [
    '# Problem generators',
    '',
    'Every generator an `exercise.yaml` may name under `data.generator`, with its task kind, parameters (`data.params`)',
    'and the metrics a check may bound. Generated from `graders/problems/` by `npm run grade -- --list-generators`;',
    'do not edit by hand (a test fails when this page and the generators disagree).',
    '',
    '## Task kinds',
    '',
    '| task | generators | the learner\'s entry, and what the runtime evaluates |',
    '| --- | --- | --- |',
    ...taskKinds().map((k) => `| \`${k.task}\` | ${k.generators.map((g) => `\`${g}\``).join(', ')} | ${cell(k.entry)} |`),
  ];
  for (const name of Object.keys(generators) as GeneratorName[]) {
    const g = generators[name];
    out.push('', `## \`${name}\` (task \`${g.task}\`)`, '', g.doc.summary, '', '| parameter | type | required | description |', '| --- | --- | --- | --- |');
    for (const p of paramDocs(name)) out.push(`| \`${p.name}\` | ${cell(p.type)} | ${p.required ? 'yes' : `no (default ${JSON.stringify(p.default)})`} | ${cell(p.description)} |`);
    out.push('', '| metric | what it measures |', '| --- | --- |');
    for (const [metric, meaning] of Object.entries(g.doc.metrics)) out.push(`| \`${metric}\` | ${cell(meaning)} |`);
  }
  return `${out.join('\n')}\n`;
}
