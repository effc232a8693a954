/**
 * Prints manifest.yml with the Slack request URL filled in, ready to paste into Slack's "Create app
 * from manifest": `npm run manifest -- --url https://abc.execute-api.eu-west-1.amazonaws.com/slack/events`.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { manifestWithUrl } from '../src/manifest.js';

const { values } = parseArgs({ options: { url: { type: 'string' } } });
try {
  const manifest = readFileSync(new URL('../manifest.yml', import.meta.url), 'utf8');
  process.stdout.write(manifestWithUrl(manifest, values.url ?? ''));
} catch (error) {
  console.error(
    `${error instanceof Error ? error.message : String(error)}\nusage: npm run manifest -- --url https://<host>/slack/events`,
  );
  process.exitCode = 2;
}
