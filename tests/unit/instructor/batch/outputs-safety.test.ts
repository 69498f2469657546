/**
 * Outputs are safe and never lost (issue 9, class 5 and the --out policy): student-controlled text renders as
 * text in feedback Markdown (checked by rendering it with the site's own Markdown processor), every file is
 * written atomically, --out is checked before grading, and results are rescued if the final write fails.
 */
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { studentStatus, type StudentResult } from '../../../../instructor/batch/grade-batch.ts';
import { feedbackText, fence, gradescopeFailure, gradescopeResults, mdText, prepareOutDir, writeAtomic, writeBatchOutputs, type BatchInfo } from '../../../../instructor/batch/outputs.ts';
import { loadExercise } from '../../../../graders/exercise-files.ts';
import type { GradeReport } from '../../../../graders/report.ts';
import { blobsId } from '../../../helpers/exercise.ts';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'rdl-out-'));
const hostile = ['```', '# Score: 100', '<img src=x onerror=alert(1)>', '[link](javascript:alert(1))', '![i](http://x/y.png)', 'https://evil.example/x www.evil.example', '<script>alert(1)</script>', 'a\nb\r\n## c', '\u001b[31mred\u0007\u0000', '*em* _u_ `code` | t | ~~s~~ <!-- c -->'].join(' ');
const render = async (md: string) => (await (await createMarkdownProcessor()).render(md)).code;

const ex = loadExercise(blobsId);
const thrown: GradeReport = { exerciseId: blobsId, status: 'error', score: 0, maxScore: 1, seed: 5, backend: 'wasm', durationMs: 10, checks: [], error: { kind: 'thrown', message: `Your code threw Error: ${hostile} \`\`\`\`\`\`\`` }, logs: hostile.split(' ') };
const result: StudentResult = { student: `bad ${hostile}`, displayName: hostile, reports: { [blobsId]: thrown }, total: 0, maxTotal: 1, status: studentStatus([thrown]), notes: [hostile, `zip:${hostile}.ts matches no exercise (ignored)`] };
const info: BatchInfo = { exercises: [ex], seed: 5, secretSeed: true, jobs: 1, memoryMb: 4096, backend: 'wasm', durationMs: 10, notes: [] };

describe('escaping student-controlled text', () => {
  it('mdText renders as exactly the text, on one line: no element of the student', async () => {
    const html = await render(mdText(hostile));
    expect(html).toMatch(/^<p>[^<]*<\/p>$/);
    expect(html).toContain('&#x3C;img src=x onerror=alert(1)>');
    expect(html).toContain('[link](javascript:alert(1))');
    expect(html).toContain('# Score: 100');
    expect(html).toContain('\\x1b[31mred\\x07\\x00');
    expect(html).toContain('https[:]//evil.example/x www[.]evil.example');
    expect(await render(mdText('ada@uni.example'))).toBe('<p>ada[@]uni.example</p>');
  });

  it('fence holds any text, however many backticks it has, as one code block', async () => {
    const text = `${hostile}\n\`\`\`\`\`\`\`\`\n# after`;
    const block = fence(text);
    expect(block.startsWith('`'.repeat(9))).toBe(true);
    const html = await render(`${block}\n\n# ours`);
    expect(html.match(/<pre/g)).toHaveLength(1);
    expect(html).toMatch(/<\/pre>\n<h1 id="ours">ours<\/h1>$/);
  });

  it('a whole feedback file renders with only our headings and no link, image, script or raw HTML from the student', async () => {
    const md = feedbackText(result, info);
    const html = await render(md);
    const headings = [...html.matchAll(/<h(\d)[^>]*>(.*?)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]!.slice(0, 25)}`);
    expect(headings).toEqual(['h1 Feedback for bad ``` # Sc', `h2 ${ex.meta.title}`.slice(0, 28), 'h2 Notes on your submission']);
    expect(html).not.toMatch(/<(a|img|script|em|strong|del|table)\b|<!--/);
    expect(md).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(html.match(/<pre/g)).toHaveLength(2); // the report and the printed lines
  });

  it('Gradescope output is plain text with control characters visible, one note per line', () => {
    const gs = gradescopeResults(result, info);
    expect(gs).toMatchObject({ output_format: 'text', test_output_format: 'text' });
    expect(JSON.stringify(gs)).not.toMatch(/\\u00(0[0-8]|1[0-9a-f])/);
    expect(gs.output.split('\n').filter((l) => l.startsWith('- '))).toHaveLength(2);
    expect(gradescopeFailure('x\u001by')).toMatchObject({ score: 0, tests: [], output: expect.stringMatching(/^The autograder could not grade this submission: x\\x1by/) });
  });
});

describe('writing outputs', () => {
  it('writeAtomic replaces a planted symlink instead of writing through it, and leaves no temporary file', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'victim'), 'keep');
    symlinkSync(path.join(d, 'victim'), path.join(d, 'grades.csv'));
    writeAtomic(path.join(d, 'grades.csv'), 'new');
    expect(readFileSync(path.join(d, 'victim'), 'utf8')).toBe('keep');
    expect(lstatSync(path.join(d, 'grades.csv')).isFile()).toBe(true);
    expect(readdirSync(d).sort()).toEqual(['grades.csv', 'victim']);
  });

  it('prepareOutDir creates the folder, refuses a file, and lists what else is there', () => {
    const d = tmp();
    expect(prepareOutDir(path.join(d, 'a', 'b'), false)).toEqual({ others: [] });
    expect(existsSync(path.join(d, 'a', 'b', 'feedback'))).toBe(true);
    writeFileSync(path.join(d, 'file'), 'x');
    expect(() => prepareOutDir(path.join(d, 'file'), false)).toThrow(new RegExp(`output (folder|path) ${path.join(d, 'file')}`));
    writeFileSync(path.join(d, 'a', 'b', 'notes.txt'), 'mine');
    expect(prepareOutDir(path.join(d, 'a', 'b'), false)).toEqual({ others: ['notes.txt'] });
  });

  it('replaces our own files, leaves the rest, and reports feedback files of students not in this run', () => {
    const d = tmp();
    mkdirSync(path.join(d, 'feedback'));
    writeFileSync(path.join(d, 'feedback', 'old-student.md'), 'old');
    writeFileSync(path.join(d, 'grades.csv'), 'old');
    writeFileSync(path.join(d, 'mine.txt'), 'mine');
    const w = writeBatchOutputs(d, [{ ...result, student: 'ada' }], info);
    expect(w.stale).toEqual(['old-student.md']);
    expect(readFileSync(path.join(d, 'grades.csv'), 'utf8')).toMatch(/^student,/);
    expect(readFileSync(path.join(d, 'mine.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(path.join(d, 'feedback')).sort()).toEqual(['ada.md', 'old-student.md']);
  });

  it('when the final write fails after grading, saves the results in a fresh temporary folder, says where, exits 1', async () => {
    const d = tmp();
    const subs = path.join(d, 'subs');
    mkdirSync(path.join(subs, 'ada'), { recursive: true });
    // Fails fast (no train function): the run is about the outputs.
    writeFileSync(path.join(subs, 'ada', '01-softmax-blobs.ts'), 'export const x = 1;\n');
    const out = path.join(d, 'out');
    const proc = spawn(process.execPath, ['instructor/cli.ts', subs, '--seed', '3', '--exercise', blobsId, '--no-self-check', '--jobs', '1', '--out', out]);
    let stderr = '';
    proc.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    const code = new Promise<number | null>((resolve) => proc.on('close', resolve));
    // --out is checked before grading; once the first sandbox child runs, something replaces it with a file.
    const hasChild = () => readdirSync(`/proc/${proc.pid}/task`).some((t) => readFileSync(`/proc/${proc.pid}/task/${t}/children`, 'utf8').trim() !== '');
    for (let i = 0; i < 600 && !hasChild(); i++) await new Promise((r) => setTimeout(r, 20));
    rmSync(out, { recursive: true });
    writeFileSync(out, 'planted');
    const r = { code: await code, stderr };
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`Could not write the results to ${out}`));
    const rescued = /The results were saved in (\S+) instead/.exec(r.stderr)?.[1];
    expect(rescued).toBeDefined();
    expect(readFileSync(path.join(rescued!, 'grades.csv'), 'utf8')).toMatch(/^student,.*\nada,0,0,/);
    expect(existsSync(path.join(rescued!, 'feedback', 'ada.md'))).toBe(true);
  }, 120_000);
});
