import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { ESBUILD_OPTIONS } from '../infra/bundling.js';

const REPO = join(import.meta.dirname, '..');
// Inside node_modules, so a bundle's require() of the AWS SDK finds it, as it finds the runtime's on Lambda.
const DIR = join(REPO, 'node_modules/.cache/access-findings-bench');

/** The app's and the baseline's bundles, built with the CDK stack's settings. */
export async function buildBundles(): Promise<{
  app: string;
  baseline: string;
  appBytes: number;
  baselineBytes: number;
}> {
  const app = join(DIR, 'app/index.js');
  const baseline = join(DIR, 'baseline/index.js');
  mkdirSync(join(DIR, 'app'), { recursive: true });
  mkdirSync(join(DIR, 'baseline'), { recursive: true });
  await build({ ...ESBUILD_OPTIONS, outfile: app, logLevel: 'silent' });
  await build({
    ...ESBUILD_OPTIONS,
    entryPoints: [join(REPO, 'bench/baseline.ts')],
    outfile: baseline,
    logLevel: 'silent',
  });
  return { app, baseline, appBytes: statSync(app).size, baselineBytes: statSync(baseline).size };
}
