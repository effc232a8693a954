import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from '../src/config.js';

const valid = {
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_CHANNEL_ID: 'C0123ABC',
  ACTION_SIGNING_KEY: 'k'.repeat(32),
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('applies the documented defaults', () => {
    expect(parseConfig(valid)).toEqual({
      slack: {
        botToken: 'xoxb-1-2-3',
        signingSecret: 'secret',
        channelId: 'C0123ABC',
        apiUrl: 'https://slack.com/api/',
      },
      actionSigningKeys: ['k'.repeat(32)],
      authorization: { allowedUserIds: [], allowedGroupIds: [] },
      isolationPolicyName: 'AccessFindingsDenyAll',
      protectedRolePatterns: [],
      auditEventBusName: undefined,
      locale: 'en',
      functionName: undefined,
      stateTableName: undefined,
      stateTableAutoCreate: false,
      digestThreshold: 10,
    });
  });

  it('treats empty values as unset, so defaults apply', () => {
    const config = parseConfig({
      ...valid,
      SLACK_API_URL: '',
      LOCALE: ' ',
      ISOLATION_POLICY_NAME: '',
      ALLOWED_SLACK_USER_IDS: '',
    });
    expect(config).toMatchObject({
      locale: 'en',
      isolationPolicyName: 'AccessFindingsDenyAll',
      slack: { apiUrl: 'https://slack.com/api/' },
    });
  });

  it('lists every missing setting at once, saying what to set', () => {
    expect(problems({})).toEqual([
      'SLACK_BOT_TOKEN: not set; expected the bot token (xoxb-…) from the Slack app\'s "OAuth & Permissions" page',
      'SLACK_SIGNING_SECRET: not set; expected the signing secret from the Slack app\'s "Basic Information" page',
      'SLACK_CHANNEL_ID: not set; expected the channel id (C… or G…) findings are posted to',
      'ACTION_SIGNING_KEY: not set; expected one or more random keys of 32+ characters, comma-separated, newest first',
    ]);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token'],
    ['SLACK_CHANNEL_ID', '#security'],
    ['SLACK_API_URL', 'not a url'],
    ['ACTION_SIGNING_KEY', 'short'],
    ['ALLOWED_SLACK_USER_IDS', 'alice'],
    ['ALLOWED_SLACK_USERGROUP_IDS', 'U0ALICE'],
    ['ISOLATION_POLICY_NAME', 'has spaces'],
    ['LOCALE', 'fr'],
  ])('refuses an invalid %s', (name, value) => {
    const found = problems({ ...valid, [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${name}: invalid; expected `));
  });

  it('refuses to auto-create the state table on Lambda', () => {
    expect(
      problems({ ...valid, STATE_TABLE_AUTO_CREATE: 'true', AWS_LAMBDA_FUNCTION_NAME: 'fn' })[0],
    ).toMatch(/^STATE_TABLE_AUTO_CREATE: invalid on Lambda/);
    expect(
      parseConfig({ ...valid, STATE_TABLE_NAME: 'tbl', STATE_TABLE_AUTO_CREATE: 'true' })
        .stateTableAutoCreate,
    ).toBe(true);
  });

  it('reads lists, rotation keys and options', () => {
    const config = parseConfig({
      ...valid,
      ACTION_SIGNING_KEY: `${'n'.repeat(32)}, ${'o'.repeat(32)}`,
      ALLOWED_SLACK_USER_IDS: 'U0ALICE, W0BOB',
      ALLOWED_SLACK_USERGROUP_IDS: 'S0SECOPS',
      PROTECTED_ROLE_PATTERNS: 'BreakGlass*, ops/*',
      SLACK_API_URL: 'http://127.0.0.1:3000/api',
      LOCALE: 'ja',
      AUDIT_EVENT_BUS_NAME: 'security-audit',
    });
    expect(config.actionSigningKeys).toEqual(['n'.repeat(32), 'o'.repeat(32)]);
    expect(config.authorization).toEqual({
      allowedUserIds: ['U0ALICE', 'W0BOB'],
      allowedGroupIds: ['S0SECOPS'],
    });
    expect(config.protectedRolePatterns).toEqual(['BreakGlass*', 'ops/*']);
    expect(config.slack.apiUrl).toBe('http://127.0.0.1:3000/api/');
    expect(config.locale).toBe('ja');
    expect(config.auditEventBusName).toBe('security-audit');
  });

  it('takes the Slack secrets and action key from SECRETS_ARN', async () => {
    const env = { SLACK_CHANNEL_ID: 'C0123ABC', SECRETS_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:af' };
    const config = await loadConfig(env, async (arn) => {
      expect(arn).toBe(env.SECRETS_ARN);
      return JSON.stringify({
        SLACK_BOT_TOKEN: 'xoxb-from-secret',
        SLACK_SIGNING_SECRET: 's',
        ACTION_SIGNING_KEY: 'z'.repeat(40),
      });
    });
    expect(config.slack.botToken).toBe('xoxb-from-secret');
    expect(config.actionSigningKeys).toEqual(['z'.repeat(40)]);
  });

  it('explains a secret that is not a JSON object', async () => {
    await expect(loadConfig({ SECRETS_ARN: 'arn:x' }, async () => 'plain text')).rejects.toThrow(
      /SECRETS_ARN: could not read arn:x/,
    );
  });
});

describe('documentation', () => {
  it('lists every setting in .env.example and in the README configuration table', async () => {
    const { SETTING_NAMES } = await import('../src/config.js');
    const { readFileSync } = await import('node:fs');
    const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const name of SETTING_NAMES) {
      expect(example, name).toMatch(new RegExp(`^#? ?${name}=`, 'm'));
      expect(readme, name).toMatch(new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`, 'm'));
    }
  });
});
