/**
 * The one schema for `exercises/<module>/<exercise>/exercise.yaml`.
 *
 * It is used twice: as the Astro content collection's schema (a bad file fails `npm run build`) and by the grader
 * CLI and tests (`parseExercise`), so the site and the instructor tool can never disagree about what a file means.
 * Every field documents itself with `.describe()`.
 */
import { z } from 'zod';
import { generators, metricNames, taskKinds, taskNames, type GeneratorName } from './problems/index.ts';

export const checkSchema = z
  .object({
    metric: z.string().min(1).describe('Which metric this check bounds; the generator lists the ones it computes (e.g. testAccuracy).'),
    label: z.string().min(1).describe('What the learner sees as the check name, e.g. "Test accuracy".'),
    min: z.number().optional().describe('Lowest passing value (inclusive).'),
    max: z.number().optional().describe('Highest passing value (inclusive). An upper bound on a score usually means "too good to be true".'),
    tooLow: z.string().optional().describe('Message shown when the value is below `min`: what probably went wrong and what to try.'),
    tooHigh: z.string().optional().describe('Message shown when the value is above `max`.'),
    passed: z.string().optional().describe('Message shown when the check passes (optional).'),
    derivation: z.string().min(1).describe('How the bounds were set: reference results over seeds, and the margin taken.'),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.min === undefined && c.max === undefined) ctx.addIssue({ code: 'custom', message: 'a check needs `min`, `max` or both' });
    if (c.min !== undefined && c.max !== undefined && c.min > c.max) ctx.addIssue({ code: 'custom', message: `min (${c.min}) is above max (${c.max})` });
    if (c.min !== undefined && !c.tooLow) ctx.addIssue({ code: 'custom', path: ['tooLow'], message: 'a check with `min` needs a `tooLow` message that teaches' });
    if (c.max !== undefined && !c.tooHigh) ctx.addIssue({ code: 'custom', path: ['tooHigh'], message: 'a check with `max` needs a `tooHigh` message that teaches' });
  });
export type Check = z.infer<typeof checkSchema>;

/**
 * An exercise whose checks a correct answer passes only in 32-bit floats: values far below 6e-8 (the smallest
 * half float) or tolerances tighter than about 1e-3 (a half float's precision). The browser then passes over a
 * WebGL backend that stores 16-bit floats (src/runtime/backend.ts), and says why in the words of `why`.
 */
export const precisionSchema = z
  .object({
    needs: z.literal('float32').describe('The only requirement so far: every tensor held in 32-bit floats (WASM, CPU, WebGPU, and WebGL with float32 render targets).'),
    why: z
      .string()
      .min(1)
      .regex(/[^.\s]$/, 'a noun phrase without a final period: the learner reads "… 16-bit floats, too coarse for <why>."')
      .describe('What 16-bit floats would break, shown to the learner as "WebGL skipped: this GPU stores numbers in 16-bit floats, too coarse for <why>."'),
  })
  .strict();
export type Precision = z.infer<typeof precisionSchema>;

/** A line on the live loss chart at a loss the exercise names (chance level, the noise floor). */
export const lossReferenceSchema = z
  .object({
    value: z.number().finite().describe('The loss, in the units the learner reports (the loss the exercise trains on).'),
    label: z.string().min(1).max(40).describe('What the line is, as the chart labels it: "chance level (log 4)", "noise floor".'),
  })
  .strict();
export type LossReference = z.infer<typeof lossReferenceSchema>;

export const exerciseSchema = z
  .object({
    formatVersion: z.literal(1).describe('Version of this file format; bump when fields change meaning.'),
    title: z.string().min(1).describe('Exercise title shown above the editor.'),
    summary: z.string().min(1).describe('One paragraph: what the learner must do.'),
    lesson: z.string().min(1).describe('Lesson page that hosts it, as its docs path without prefixes, e.g. "activation-depth/softmax-blobs".'),
    entry: z.string().regex(/^[A-Za-z_$][\w$]*$/).default('train').describe('Named export of the learner module that the runtime calls as `entry(data, ctx)`.'),
    task: z
      .enum(taskNames as [string, ...string[]])
      .optional()
      .describe(
        `Optional: the generator decides the task kind, i.e. what the runtime does with what the entry returns; if given, it must match. ${taskKinds()
          .map((k) => `\`${k.task}\` (${k.generators.join(', ')}): ${k.entry}`)
          .join('; ')}.`,
      ),
    seed: z.number().int().nonnegative().describe('Public seed used for the in-browser self-check; instructors grade with their own.'),
    timeoutMs: z.number().int().positive().max(600_000).describe('Wall-clock limit for one run; the run is stopped after it.'),
    data: z
      .object({
        generator: z.enum(Object.keys(generators) as [GeneratorName, ...GeneratorName[]]).describe('Problem generator in graders/problems (data, what is evaluated, how it is scored).'),
        params: z.record(z.string(), z.unknown()).describe('Generator parameters, validated by the generator’s own schema.'),
      })
      .strict()
      .superRefine((d, ctx) => {
        const r = generators[d.generator].params.safeParse(d.params);
        if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: ['params', ...issue.path.map(String)], message: issue.message });
      }),
    checks: z.array(checkSchema).min(1).describe('What passing means; every check must pass.'),
    hints: z.array(z.string().min(1)).default([]).describe('Hints revealed one at a time, gentlest first.'),
    minFailedRuns: z
      .number()
      .int()
      .nonnegative()
      .default(3)
      .describe('How many failed runs, with every hint opened, unlock "Show solution" for a learner who has not passed (a stopped run does not count); a pass always unlocks it. Default 3.'),
    precision: precisionSchema.optional().describe('What grading needs of the arithmetic; leave it out when any backend will do (the default).'),
    lossChart: z
      .object({ references: z.array(lossReferenceSchema).min(1).max(4) })
      .strict()
      .optional()
      .describe('Reference lines on the live loss chart, for a loss whose scale means something (chance level, noise floor).'),
  })
  .strict()
  .superRefine((e, ctx) => {
    const g = generators[e.data.generator];
    if (e.task !== undefined && g.task !== e.task) ctx.addIssue({ code: 'custom', path: ['task'], message: `generator "${e.data.generator}" poses a "${g.task}" task, not "${e.task}"` });
    const parsed = g.params.safeParse(e.data.params);
    if (!parsed.success) return; // reported under data.params already
    const known = metricNames(e.data.generator, parsed.data);
    e.checks.forEach((c, i) => {
      if (!known.includes(c.metric)) ctx.addIssue({ code: 'custom', path: ['checks', i, 'metric'], message: `"${c.metric}" is not a metric of generator "${e.data.generator}"; it computes ${known.join(', ')}` });
    });
  });
export type Exercise = z.infer<typeof exerciseSchema>;

/** An exercise's metadata plus its id (`<module-folder>/<exercise-folder>`). */
export type ExerciseMeta = Exercise & { id: string };

/**
 * Validates parsed YAML; throws an Error whose message names the file and every bad field, e.g.
 * `exercises/x/exercise.yaml: checks.0.tooLow: a check with \`min\` needs a \`tooLow\` message that teaches`.
 */
export function parseExercise(raw: unknown, where: string): Exercise {
  const r = exerciseSchema.safeParse(raw);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  ${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`);
  throw new Error(`${where} is not a valid exercise:\n${lines.join('\n')}`);
}
