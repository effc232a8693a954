import * as z from 'zod/mini';

// The app validates with zod/mini: the same checks as zod's chained API at about half the cold-start cost.

/** A string with at least one character. */
export const nonEmpty = () => z.string().check(z.minLength(1));

/**
 * A schema built on its first use. Building schemas is most of zod's cost on a cold start (each kind
 * of schema runs its setup code for the first time), and one request needs only its own.
 */
export function lazySchema<T>(build: () => T): () => T {
  let schema: T | undefined;
  return () => {
    schema ??= build();
    return schema;
  };
}
