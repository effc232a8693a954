import { createHmac } from 'node:crypto';

/** Signs a request body exactly as Slack does: `v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function slackSignature(signingSecret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/** What the app answered to a signed request. */
export interface AppAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * POSTs a form body to the app's request URL with Slack's headers. Like Slack, it gives up after
 * 3 seconds (status 0 then).
 */
export async function postSigned(
  url: string,
  signingSecret: string,
  form: Record<string, string>,
): Promise<AppAnswer> {
  const body = new URLSearchParams(form).toString();
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': slackSignature(signingSecret, timestamp, body),
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      },
      body,
      signal: AbortSignal.timeout(3000),
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  } catch {
    return { status: 0, contentType: '', body: '' };
  }
}
