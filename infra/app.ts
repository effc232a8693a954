/** The CDK app (`npm run synth`, `npm run deploy`); settings come from `-c name=value` or the environment. */
import { buildApp } from './build.js';

try {
  buildApp().app.synth();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
