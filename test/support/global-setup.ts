import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of a moto_server started for this run, or '' when moto_server is not installed. */
    motoUrl: string;
    /** Path of Debian's Chromium, or '' when it is not installed. */
    chromium: string;
  }
}

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitForHttp(url: string, deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (Date.now() < until) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${url} did not answer within ${deadlineMs} ms`);
}

let moto: ChildProcess | undefined;

/**
 * Starts moto_server when present and finds Chromium; each is required when REQUIRE_MOTO=1 /
 * REQUIRE_CHROMIUM=1 (as in CI) and otherwise skipped with a notice.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let motoUrl = '';
  if (onPath('moto_server')) {
    const port = await freePort();
    moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    motoUrl = `http://127.0.0.1:${port}`;
    await waitForHttp(`${motoUrl}/moto-api/`, 30_000);
  } else if (process.env.REQUIRE_MOTO === '1') {
    throw new Error('REQUIRE_MOTO=1 but moto_server is not on the PATH');
  } else {
    console.warn('\n[notice] moto_server is not installed: tests against the AWS emulator are SKIPPED.\n');
  }
  project.provide('motoUrl', motoUrl);

  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? '';
  if (!chromium && process.env.REQUIRE_CHROMIUM === '1')
    throw new Error('REQUIRE_CHROMIUM=1 but Chromium is not installed');
  if (!chromium)
    console.warn(
      '\n[notice] Chromium is not installed (apt-get install -y chromium): browser tests are SKIPPED.\n',
    );
  project.provide('chromium', chromium);
  return async () => {
    moto?.kill();
  };
}
