import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..');
let child: ChildProcess | undefined;
afterEach(() => child?.kill('SIGKILL'));

/** Starts `src/server.ts` as `npm start` does, from an empty folder (no .env) with only these settings. */
function start(env: Record<string, string>) {
  child = spawn(
    process.execPath,
    [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'src/server.ts')],
    {
      cwd: mkdtempSync(join(tmpdir(), 'af-start-')),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child?.on('exit', (code) => resolve(code)));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern);
        if (match) resolve(match);
      };
      child?.stdout?.on('data', check);
      child?.stderr?.on('data', check);
      exited.then(() => reject(new Error(`exited before printing ${pattern}:\n${output}`)));
    });
  return { printed, exited, output: () => output };
}

describe('npm start', () => {
  it('with no settings starts the sandbox, prints its address, serves it, and stops on Ctrl-C', async () => {
    const run = start({ PORT: '0' });
    const [, port] = await run.printed(/open http:\/\/localhost:(\d+)/);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    child?.kill('SIGINT');
    expect(await run.exited).toBe(0);
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }, 60_000);

  it('with incomplete Slack settings says what to set and exits with an error', async () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-real' });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain('SLACK_SIGNING_SECRET: not set');
    expect(run.output()).toContain('ACTION_SIGNING_KEY: not set');
  }, 60_000);
});
