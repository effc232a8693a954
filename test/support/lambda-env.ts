import { makeHandler } from '../../src/lambda.js';
import { MemoryLog } from './fakes.js';
import type { SlackApiStub } from './slack-api-stub.js';

export const SIGNING_SECRET = 'slack-signing-secret-for-tests';
export const ACTION_KEY = 'action-signing-key-for-tests-0123456789';
export const CHANNEL = 'C0FINDINGS';
export const FUNCTION_NAME = 'access-findings-responder';

/** The environment a deployed function would have, pointed at the local Slack stand-in. */
export function lambdaEnv(
  slack: SlackApiStub,
  overrides: Record<string, string> = {},
): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_CHANNEL_ID: CHANNEL,
    SLACK_API_URL: slack.apiUrl,
    ACTION_SIGNING_KEY: ACTION_KEY,
    ALLOWED_SLACK_USER_IDS: 'U0ALICE',
    PROTECTED_ROLE_PATTERNS: 'BreakGlass*',
    AUDIT_EVENT_BUS_NAME: 'security-audit',
    AWS_LAMBDA_FUNCTION_NAME: FUNCTION_NAME,
    AWS_REGION: 'eu-west-1',
    ...overrides,
  };
}

/** The real handler with a fresh configuration and a log the test can read. */
export function lambdaUnderTest(slack: SlackApiStub, overrides: Record<string, string> = {}) {
  const log = new MemoryLog();
  return { handler: makeHandler(lambdaEnv(slack, overrides), { log }), log };
}
