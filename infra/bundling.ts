import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';

const REPO = join(import.meta.dirname, '..');

/** The function's entry point. */
export const ENTRY = join(REPO, 'src/lambda.ts');

/** Modules only Bolt's Express, HTTP and Socket Mode receivers use; the Lambda receiver needs none. */
const LEFT_OUT = ['express', '@slack/socket-mode', 'raw-body'];
const LEFT_OUT_STUB = join(REPO, 'src/adapters/lambda/unused-on-lambda.cjs');

/**
 * How the function is bundled, in one place: the CDK stack (`NodejsFunction`) and `npm run bench`
 * both build from it.
 */
export const BUNDLING = {
  minify: true,
  sourceMap: true,
  // Stack traces need only the mappings; with the sources inside, Node.js parses a 3× larger map on each cold start.
  sourcesContent: false,
  target: 'node24',
  // The Node.js 24 runtime ships the AWS SDK v3; bundling it again only slows cold starts.
  externalModules: ['@aws-sdk/*'],
  esbuildArgs: {
    '--alias': LEFT_OUT.map((m) => `${m}=${LEFT_OUT_STUB}`),
    // CommonJS output: a dynamic import() of the runtime's SDK must become require(), which finds it.
    '--supported:dynamic-import': 'false',
  },
} as const;

/** How the function's Node.js runs: stack traces in the logs point into the sources, not the minified bundle. */
export const RUNTIME_NODE_OPTIONS = '--enable-source-maps';

/** The same settings for esbuild's API (the benchmark's bundle). */
export const ESBUILD_OPTIONS: BuildOptions = {
  entryPoints: [ENTRY],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  minify: BUNDLING.minify,
  sourcemap: BUNDLING.sourceMap,
  sourcesContent: BUNDLING.sourcesContent,
  target: BUNDLING.target,
  external: [...BUNDLING.externalModules],
  alias: Object.fromEntries(LEFT_OUT.map((m) => [m, LEFT_OUT_STUB])),
  supported: { 'dynamic-import': false },
};
