/**
 * The live frames a learner's code may compute itself and pass to ctx.report's `plots` (course.ts LiveFrame), read
 * where the code runs: each frame goes through its kind's schema, which bounds its size, and a frame that fails is
 * left out with a message naming the field, never an exception (the loss curve goes on). A new kind is a schema
 * module here (copy scatter.ts), a line in `learnerFrameSchemas`, a member of course.ts's LiveFrame, and a
 * renderer and figure on the page (src/components/plots/; docs/adding-a-module.md). The next kinds the modules need, in the shape they will take:
 * - `ellipses` (Mixtures): component means, 2×2 covariances and weights over the data points (≤ 16 components);
 * - `bands` (Mixture density networks): mean ± σ over sorted x, ≤ 512 xs and ≤ 8 components.
 */
import { z } from 'zod';
import { describe } from '../learner-failure.ts';
import { safeGet } from '../learner-values.ts';
import { clip, toText } from '../output-limits.ts';
import { imagesFrameSchema } from './images.ts';
import { scatterFrameSchema } from './scatter.ts';

/** One schema per kind a learner may report. */
const learnerFrameSchemas = { scatter: scatterFrameSchema, images: imagesFrameSchema } as const;

/** The kinds a learner may report, in the order messages list them. */
export const learnerFrameKinds = Object.keys(learnerFrameSchemas) as (keyof typeof learnerFrameSchemas)[];

/** A validated frame the learner computed: plain data, tagged with the plot kind that draws it. */
export type LearnerPlot = z.output<(typeof learnerFrameSchemas)[keyof typeof learnerFrameSchemas]>;

/** `plots[0].points[3][1]` from a zod path. */
const fieldName = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');

/** The first problem zod found, as "<field>: <what is wrong>". */
function firstIssue(e: z.ZodError, prefix: string): string {
  const issue = e.issues[0]!;
  return `${prefix}${fieldName(issue.path)}: ${issue.message.replace(/^Invalid input: /, '')}`;
}

/**
 * Reads ctx.report's `plots`: the frames that pass their kind's schema, and one message for each that does not.
 * Never throws, whatever the value (a getter that throws, a Proxy): learner values are read inside a try.
 */
export function readLearnerPlots(value: unknown): { plots: LearnerPlot[]; problems: string[] } {
  const plots: LearnerPlot[] = [];
  const problems: string[] = [];
  try {
    if (!Array.isArray(value)) return { plots, problems: [`plots is ${describe(value)}; it must be an array of frames, e.g. plots: [{ kind: 'scatter', points }]`] };
    if (value.length > learnerFrameKinds.length) return { plots, problems: [`plots has ${value.length} frames; a report holds at most one per kind (${learnerFrameKinds.join(', ')})`] };
    const seen = new Set<unknown>();
    for (const [i, frame] of value.entries()) {
      const kind: unknown = frame !== null && typeof frame === 'object' ? (frame as { kind?: unknown }).kind : undefined;
      const schema = typeof kind === 'string' && Object.hasOwn(learnerFrameSchemas, kind) ? learnerFrameSchemas[kind as keyof typeof learnerFrameSchemas] : undefined;
      if (!schema) {
        const drawnFromModel = kind === 'regions' ? ' (decision regions are drawn from the model you pass as `model`)' : '';
        problems.push(`plots[${i}].kind is ${typeof kind === 'string' ? `"${clip(kind, 40)}"` : describe(kind)}; the kinds you can report are ${learnerFrameKinds.map((k) => `"${k}"`).join(', ')}${drawnFromModel}`);
        continue;
      }
      if (seen.has(kind)) {
        problems.push(`plots[${i}] is a second "${kind}" frame; a report holds at most one frame per kind`);
        continue;
      }
      seen.add(kind);
      const parsed = schema.safeParse(frame);
      if (parsed.success) plots.push(parsed.data);
      else problems.push(firstIssue(parsed.error, `plots[${i}]`));
    }
  } catch (e) {
    problems.push(`plots could not be read (${clip(toText(safeGet(e, 'message') ?? e), 200)})`);
  }
  return { plots, problems };
}
