import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of a moto_server started for this run, or '' when moto_server is not installed. */
    motoUrl: string;
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

/** Starts moto_server when present (required when REQUIRE_MOTO=1, as in CI) and hands its URL to tests. */
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
  return async () => {
    moto?.kill();
  };
}
