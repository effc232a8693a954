import * as z from 'zod/mini';

/** An API Gateway HTTP API (payload format 2.0) request; a Lambda Function URL sends the same shape. */
export const httpApiEvent = z.object({
  version: z.literal('2.0'),
  rawPath: z.string(),
  rawQueryString: z._default(z.string(), ''),
  routeKey: z._default(z.string(), '$default'),
  headers: z._default(z.record(z.string(), z.string()), {}),
  body: z.optional(z.string()),
  isBase64Encoded: z._default(z.boolean(), false),
  requestContext: z.looseObject({
    stage: z.optional(z.string()),
    http: z.looseObject({ method: z.string(), path: z.optional(z.string()) }),
  }),
});
export type HttpApiEvent = z.infer<typeof httpApiEvent>;

/** What API Gateway turns into the HTTP response. */
export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}
