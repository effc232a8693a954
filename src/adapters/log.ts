import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../ports.js';

/** Structured JSON logs (Powertools), level from `POWERTOOLS_LOG_LEVEL`. */
export function powertoolsLog(): Log {
  const logger = new Logger({ serviceName: 'access-findings' });
  return {
    info: (message, fields) => logger.info(message, fields ?? {}),
    warn: (message, fields) => logger.warn(message, fields ?? {}),
    error: (message, fields) => logger.error(message, fields ?? {}),
  };
}
