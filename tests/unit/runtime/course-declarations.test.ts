import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { courseDeclarations } from '../../../src/runtime/course-declarations.ts';
import { collectTfjsTypes } from '../../../src/integrations/tfjs-types.ts';
import { loadExercise } from '../../../graders/exercise-files.ts';
import { blobsId } from '../../helpers/exercise.ts';

/**
 * What the editor shows: compile the learner's file against exactly the declarations the editor gets
 * (the collected tfjs .d.ts files + the `course` module) with the editor's compiler options.
 */
function editorDiagnostics(source: string): string[] {
  const files = new Map<string, string>([['/main.ts', source], ['/node_modules/@types/course/index.d.ts', courseDeclarations]]);
  for (const f of collectTfjsTypes(process.cwd())) files.set(`/${f.path}`, f.content);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Node10, strict: true, noEmit: true, esModuleInterop: true, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: ['course'], typeRoots: ['/node_modules/@types'], skipLibCheck: true };
  const host = ts.createCompilerHost(options);
  const real = { getSourceFile: host.getSourceFile, fileExists: host.fileExists, readFile: host.readFile };
  host.fileExists = (f) => files.has(f) || real.fileExists(f);
  host.readFile = (f) => files.get(f) ?? real.readFile(f);
  host.getSourceFile = (f, v) => (files.has(f) ? ts.createSourceFile(f, files.get(f)!, v) : real.getSourceFile(f, v));
  host.directoryExists = (d) => [...files.keys()].some((k) => k.startsWith(d.endsWith('/') ? d : `${d}/`)) || ts.sys.directoryExists(d);
  host.getCurrentDirectory = () => '/';
  const program = ts.createProgram(['/main.ts'], options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile('/main.ts')).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('editor types', () => {
  it('wraps course types in an ambient module', () => {
    expect(courseDeclarations).toMatch(/^declare module 'course' \{/);
    expect(courseDeclarations).toContain('export interface Split');
    expect(courseDeclarations).toContain('export interface TrainContext');
    expect(courseDeclarations).not.toMatch(/^import /m);
  });
  it('the starter and the solution type-check against them with no errors', () => {
    const { starter, solution } = loadExercise(blobsId);
    expect(editorDiagnostics(starter)).toEqual([]);
    expect(editorDiagnostics(solution)).toEqual([]);
  });
  it('a type error is reported', () => {
    const d = editorDiagnostics(`import * as tf from '@tensorflow/tfjs';\nconst n: number = tf.sequential();\n`);
    expect(d.join('\n')).toMatch(/Type 'Sequential' is not assignable to type 'number'/);
  });
});
