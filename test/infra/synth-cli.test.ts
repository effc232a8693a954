import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '../..');

describe('npm run synth', () => {
  it('synthesizes both stacks offline, with no AWS credentials or profile', () => {
    const out = mkdtempSync(join(tmpdir(), 'af-synth-'));
    execFileSync('npm', ['run', 'synth', '--', '--output', out, '-q'], {
      cwd: repo,
      // Only PATH and the settings: no AWS_* variables, and a HOME without ~/.aws.
      env: {
        PATH: process.env.PATH ?? '',
        HOME: mkdtempSync(join(tmpdir(), 'af-home-')),
        SLACK_CHANNEL_ID: 'C0123ABC',
      },
      stdio: 'pipe',
    });
    const template = JSON.parse(readFileSync(join(out, 'AccessFindingsResponder.template.json'), 'utf8'));
    expect(Object.values(template.Resources).some((r: any) => r.Type === 'AWS::Lambda::Function')).toBe(true);
  }, 120_000);
});
