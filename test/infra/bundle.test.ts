import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { ESBUILD_OPTIONS } from '../../infra/bundling.js';

const repo = join(import.meta.dirname, '../..');
// Inside node_modules, so the bundle's require() of the AWS SDK finds it, as it finds the runtime's on Lambda.
const dir = join(repo, 'node_modules/.cache/access-findings-bundle');
const bundle = join(dir, 'index.js');

beforeAll(async () => {
  mkdirSync(dir, { recursive: true });
  await build({ ...ESBUILD_OPTIONS, outfile: bundle, logLevel: 'silent' });
}, 60_000);

/** Runs the bundle's handler on one event in a fresh Node.js process, as a cold Lambda would. */
function invoke(event: unknown): { statusCode?: number } {
  const script = join(dir, 'invoke.cjs');
  writeFileSync(
    script,
    `require('./index.js').handler(${JSON.stringify(event)}).then((r) => process.stdout.write(JSON.stringify(r ?? null)), (e) => { process.stdout.write(JSON.stringify({ error: String(e) })); });`,
  );
  const out = execFileSync(process.execPath, [script], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: 'xoxb-bundle',
      SLACK_SIGNING_SECRET: 'bundle-secret',
      SLACK_CHANNEL_ID: 'C0BUNDLE',
      ACTION_SIGNING_KEY: 'k'.repeat(40),
      AWS_LAMBDA_FUNCTION_NAME: 'fn',
      AWS_REGION: 'eu-west-1',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
  });
  return JSON.parse(out.toString());
}

describe('the Lambda bundle (built with the CDK stack’s settings)', () => {
  it('stays small, and loads the runtime’s AWS SDK with require(), not import()', () => {
    expect(statSync(bundle).size).toBeLessThan(2 * 1024 * 1024);
    expect(readFileSync(bundle, 'utf8')).not.toMatch(/\bimport\(/);
  });

  it('leaves out zod’s locales, which the function never uses', () => {
    const code = readFileSync(bundle, 'utf8');
    // `import { z } from 'zod'` would pull every locale in (~360 KB, ~15 ms of each cold start).
    expect(code).not.toContain('Ongeldige invoer');
  });

  it('ships a source map of mappings only, which the runtime parses on each cold start', () => {
    const map = JSON.parse(readFileSync(`${bundle}.map`, 'utf8')) as {
      sources: string[];
      sourcesContent?: unknown;
    };
    expect(map.sources.some((s) => s.endsWith('src/lambda.ts'))).toBe(true);
    // With the sources inside, the map was 1.6 MB and --enable-source-maps cost ~13 ms more per cold start.
    expect(map.sourcesContent).toBeUndefined();
  });

  it('answers a Slack request with a bad signature with 401, cold, without any network', () => {
    const event = {
      version: '2.0',
      rawPath: '/slack/events',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-signature': 'v0=bad',
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)),
      },
      body: 'payload=%7B%7D',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST' } },
    };
    expect(invoke(event)).toMatchObject({ statusCode: 401 });
  });
});
