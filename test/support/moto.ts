import { inject } from 'vitest';

/** The moto_server URL for this run, or '' (tests using it are skipped with a notice). */
export const motoUrl = inject('motoUrl');

/** Client settings that point an AWS SDK client at moto. */
export function motoClientConfig(region = 'us-east-1') {
  return {
    endpoint: motoUrl,
    region,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
}
