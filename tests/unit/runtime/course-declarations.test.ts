import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { courseDeclarations } from '../../../src/runtime/course-declarations.ts';
import { collectTfjsTypes } from '../../../src/integrations/tfjs-types.ts';
import { listExerciseIds, loadExercise } from '../../../graders/exercise-files.ts';

/**
 * What the editor shows: compile learner files against exactly the declarations the editor gets (the collected
 * tfjs .d.ts files + the `course` module) with the editor's compiler options. All files go into one program,
 * because building one is what costs seconds; each is a module, so they cannot see each other.
 */
function editorDiagnostics(sources: Record<string, string>): Record<string, string[]> {
  const files = new Map<string, string>([['/node_modules/@types/course/index.d.ts', courseDeclarations]]);
  const names = Object.keys(sources).map((name, i) => {
    files.set(`/learner-${i}.ts`, sources[name]!);
    return [name, `/learner-${i}.ts`] as const;
  });
  for (const f of collectTfjsTypes(process.cwd())) files.set(`/${f.path}`, f.content);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, strict: true, noEmit: true, esModuleInterop: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: ['course'], typeRoots: ['/node_modules/@types'], skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const real = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.fileExists = (f) => files.has(f) || real.fileExists(f);
  host.readFile = (f) => files.get(f) ?? real.readFile(f);
  host.getSourceFile = (f, v) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!, v) : real.getSourceFile(f, v));
  host.directoryExists = (d) => [...files.keys()].some((k) => k.startsWith(d.endsWith('/') ? d : `${d}/`)) || ts.sys.directoryExists(d);
  host.getCurrentDirectory = () => '/';
  const program = ts.createProgram(names.map(([, f]) => f), options, host);
  return Object.fromEntries(names.map(([name, f]) => [name, ts.getPreEmitDiagnostics(program, program.getSourceFile(f)).map((d) => `line ${d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : '?'}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)]));
}

describe('editor types', () => {
  it('wraps course types in an ambient module', () => {
    expect(courseDeclarations).toMatch(/^declare module 'course' \{/);
    expect(courseDeclarations).toContain('export interface Split');
    expect(courseDeclarations).toContain('export interface TrainContext');
    expect(courseDeclarations).not.toMatch(/^import /m);
  });
  it('declares every type learners import', () => {
    for (const t of ['RegressionSplit', 'DenseLayer', 'DeepNet', 'Progress', 'Random']) expect(courseDeclarations).toContain(`export interface ${t}`);
  });
  it('every starter and solution type-checks with no errors, and a type error is reported', () => {
    const sources: Record<string, string> = {
      'a type error': `import * as tf from '@tensorflow/tfjs';\nconst n: number = tf.sequential();\n`,
      // ctx.rng as the editor declares it: a sampler written against it type-checks.
      // ctx.report's validation loss and a live scatter frame read from tensors, as the docs show them.
      'ctx.report': `import * as tf from '@tensorflow/tfjs';\nimport type { TrainContext } from 'course';\nexport async function f(codes: tf.Tensor2D, labels: tf.Tensor1D, ctx: TrainContext): Promise<void> {\n  ctx.report({ step: 0, loss: 1, valLoss: 1.2, plots: [{ kind: 'scatter', points: await codes.array(), labels: await labels.data() }] });\n}\n`,
      'ctx.rng': `import * as tf from '@tensorflow/tfjs';\nimport type { TrainContext } from 'course';\nexport async function f(p: tf.Tensor1D, ctx: TrainContext): Promise<number> {\n  return ctx.rng.categorical(await p.data()) + ctx.rng.uniform() + ctx.rng.normal();\n}\n`,
    };
    for (const id of listExerciseIds()) {
      const { starter, solution } = loadExercise(id);
      Object.assign(sources, { [`${id}/starter.ts`]: starter, [`${id}/solution.ts`]: solution });
    }
    const { 'a type error': typeError, ...rest } = editorDiagnostics(sources);
    expect(typeError!.join('\n')).toMatch(/line 2: Type 'Sequential' is not assignable to type 'number'/);
    expect(rest).toEqual(Object.fromEntries(Object.keys(rest).map((k) => [k, []])));
  });
});
