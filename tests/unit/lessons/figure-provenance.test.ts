/**
 * The measured-JSON convention of the figures (src/components/figures/kit/provenance.ts): every JSON file under
 * src/components/figures/ opens with a provenance record naming a script that exists, the command that reruns it,
 * and the day it ran. Found by walking the folder, so a new module's measured file is held to it too.
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { provenance } from '../../../src/components/figures/kit/provenance.ts';

const root = 'src/components/figures';
const jsonFiles = (readdirSync(root, { recursive: true, encoding: 'utf8' }) as string[])
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(root, f));

describe('measured JSON under figures/', () => {
  it('includes the Activation & depth measurements', () => {
    expect(jsonFiles).toEqual(
      expect.arrayContaining([
        join(root, 'activation-depth/spiral/spiral-regions.json'),
        join(root, 'activation-depth/vanishing-gradients/gradient-training.json'),
        join(root, 'activation-depth/softmax-blobs/training-loop.json'),
      ]),
    );
  });

  it.each(jsonFiles)('%s opens with { provenance: { script, command, measured } }', (file) => {
    const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(data)[0]).toBe('provenance');
    const p = data.provenance as { script: string; command: string; measured: string };
    expect(Object.keys(p)).toEqual(['script', 'command', 'measured']);
    expect(existsSync(p.script)).toBe(true);
    expect(p.command).toContain(`node ${p.script}`);
    expect(p.measured).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('provenance()', () => {
  it('stamps the UTC day of the run', () => {
    expect(provenance('scripts/x.ts', 'node scripts/x.ts', new Date('2026-11-23T23:59:00Z'))).toEqual({
      script: 'scripts/x.ts',
      command: 'node scripts/x.ts',
      measured: '2026-11-23',
    });
  });
});
