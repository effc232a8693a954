import { inject } from 'vitest';

/** Chromium's path for this run, or '' (browser tests are skipped with a notice). */
export const chromiumPath = inject('chromium');

/** The flags these machines need (no sandbox as root, no background network). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
