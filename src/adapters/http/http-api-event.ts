import * as z from 'zod';

/** An API Gateway HTTP API (payload format 2.0) request; a Lambda Function URL sends the same shape. */
export const httpApiEvent = z.object({
  version: z.literal('2.0'),
  rawPath: z.string(),
  rawQueryString: z.string().default(''),
  routeKey: z.string().default('$default'),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().default(false),
  requestContext: z.looseObject({
    stage: z.string().optional(),
    http: z.looseObject({ method: z.string(), path: z.string().optional() }),
  }),
});
export type HttpApiEvent = z.infer<typeof httpApiEvent>;

/** What API Gateway turns into the HTTP response. */
export interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}
