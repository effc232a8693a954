import { errorCodeOf } from '../../src/domain/errors.js';

/** Runs a check and answers the error code it threw, or `accepted`. */
export function codeOf(run: () => unknown): string {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return errorCodeOf(error);
  }
}
