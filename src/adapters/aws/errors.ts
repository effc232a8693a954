import { AppError } from '../../domain/errors.js';
import { msg } from '../../domain/messages/index.js';

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** The SDK error's shape, as far as the mapping needs it. */
interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

/** Turns an AWS SDK error into an AppError a person can act on; AppErrors pass through. */
export function awsError(operation: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = (error ?? {}) as SdkError;
  const name = e.name ?? '';
  const status = e.$metadata?.httpStatusCode ?? 0;
  if (/AccessDenied|Unauthorized|NotAuthorized/i.test(name) || status === 403) {
    return new AppError('aws_access_denied', msg('error.awsAccessDenied', { operation }), { cause: error });
  }
  if (
    /^(Throttling|ThrottlingException|TooManyRequestsException|RequestLimitExceeded)$/.test(name) ||
    status === 429
  ) {
    return new AppError('aws_throttled', msg('error.awsThrottled', { operation }), { cause: error });
  }
  if (name === 'TimeoutError' || NETWORK_CODES.has(e.code ?? '') || status >= 500) {
    return new AppError('aws_unavailable', msg('error.awsUnavailable', { operation }), { cause: error });
  }
  const detail = (e.message || name || String(error)).slice(0, 500);
  return new AppError('aws_failed', msg('error.awsFailed', { operation, detail }), { cause: error });
}

/** True when the SDK error has this name (SDK v3 names errors after their shapes). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  return names.includes((error as SdkError | undefined)?.name ?? '');
}
