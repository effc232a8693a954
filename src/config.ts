import * as z from 'zod/mini';
import { DEFAULT_ISOLATION_POLICY_NAME } from './domain/isolation.js';
import { LOCALES, type Locale } from './domain/messages/index.js';
import { MIN_SECRET_LENGTH } from './domain/sealed.js';

/** A comma-separated setting, as a list of trimmed, non-empty items that each pass `item`. */
export const commaList = (item: z.ZodMiniString<string>) =>
  z.pipe(
    z.pipe(
      z._default(z.string(), ''),
      z.transform((s: string) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ),
    z.array(item),
  );

/** A setting that is either unset or a text matching `pattern`; the description is what the error says. */
export const optionalMatching = (pattern: RegExp, description: string) =>
  z.optional(z.string(description).check(z.regex(pattern, description)));

const optional = z.pipe(
  z.optional(z.string()),
  z.transform((s: string | undefined) => (s?.trim() ? s.trim() : undefined)),
);

/** A required text setting; the description is what the error says to set. */
const required = (description: string) => z.string({ error: description });

const BOT_TOKEN = 'the bot token (xoxb-…) from the Slack app\'s "OAuth & Permissions" page';
const SIGNING_SECRET = 'the signing secret from the Slack app\'s "Basic Information" page';
const CHANNEL = 'the channel id (C… or G…) findings are posted to';
const KEYS = `one or more random keys of ${MIN_SECRET_LENGTH}+ characters, comma-separated, newest first`;
const DIGEST = 'a whole number of findings a minute, from 1 to 1000';
const POLICY_NAME = 'an IAM policy name: 1–128 of letters, digits and +=,.@_-';

/** Every setting, validated; the descriptions feed the error that lists what is missing or wrong. */
const schema = z.object({
  SLACK_BOT_TOKEN: required(BOT_TOKEN).check(z.regex(/^xoxb-/, BOT_TOKEN)),
  SLACK_SIGNING_SECRET: required(SIGNING_SECRET).check(z.minLength(1, SIGNING_SECRET)),
  SLACK_CHANNEL_ID: required(CHANNEL).check(z.regex(/^[CG][A-Z0-9]{2,}$/, CHANNEL)),
  SLACK_API_URL: z._default(z.url('a URL ending in /api/'), 'https://slack.com/api/'),
  SLACK_APP_TOKEN: optionalMatching(
    /^xapp-/,
    'an app-level token (xapp-…) with connections:write, for Socket Mode',
  ),
  ACTION_SIGNING_KEY: z.pipe(
    commaList(
      z.string().check(z.minLength(MIN_SECRET_LENGTH, `each key at least ${MIN_SECRET_LENGTH} characters`)),
    ),
    z.array(z.string()).check(z.minLength(1, KEYS)),
  ),
  ALLOWED_SLACK_USER_IDS: commaList(
    z.string().check(z.regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user ids (U…), comma-separated')),
  ),
  ALLOWED_SLACK_USERGROUP_IDS: commaList(
    z.string().check(z.regex(/^S[A-Z0-9]{2,}$/, 'Slack user group ids (S…), comma-separated')),
  ),
  ISOLATION_POLICY_NAME: z._default(
    z.string(POLICY_NAME).check(z.regex(/^[\w+=,.@-]{1,128}$/, POLICY_NAME)),
    DEFAULT_ISOLATION_POLICY_NAME,
  ),
  PROTECTED_ROLE_PATTERNS: commaList(z.string()),
  AUDIT_EVENT_BUS_NAME: optional,
  AMAZON_Q_TOPIC_ARN: optionalMatching(/^arn:[\w-]+:sns:[\w-]+:\d{12}:.+$/, 'an SNS topic ARN'),
  ANALYZER_ARN: optionalMatching(
    /^arn:[\w-]+:access-analyzer:[\w-]+:\d{12}:analyzer\/.+$/,
    'an analyzer ARN (arn:aws:access-analyzer:<region>:<account>:analyzer/<name>)',
  ),
  LOCALE: z._default(z.enum(LOCALES as [Locale, ...Locale[]], 'en or ja'), 'en'),
  AWS_LAMBDA_FUNCTION_NAME: optional,
  STATE_TABLE_NAME: optionalMatching(/^[\w.-]{3,255}$/, 'a DynamoDB table name'),
  STATE_TABLE_AUTO_CREATE: z._default(z.enum(['true', 'false'], 'true or false'), 'false'),
  DIGEST_THRESHOLD: z._default(
    z.pipe(z.coerce.number(DIGEST), z.int(DIGEST).check(z.gte(1, DIGEST), z.lte(1000, DIGEST))),
    10,
  ),
});

/** Every setting the app reads (documented in .env.example and the README). */
export const SETTING_NAMES: readonly string[] = [...Object.keys(schema.shape), 'SECRETS_ARN'];

/** The app's configuration, read from the environment. */
export interface Config {
  slack: { botToken: string; signingSecret: string; channelId: string; apiUrl: string; appToken?: string };
  actionSigningKeys: string[];
  authorization: { allowedUserIds: string[]; allowedGroupIds: string[] };
  isolationPolicyName: string;
  protectedRolePatterns: string[];
  auditEventBusName?: string;
  /** The SNS topic Amazon Q Developer in chat applications reads; unset means no mirror. */
  amazonQTopicArn?: string;
  /** The analyzer `/access-findings` asks; unset means every active external-access analyzer. */
  analyzerArn?: string;
  locale: Locale;
  functionName?: string;
  /** Unset: state lives in this process's memory (dedupe and locks hold within one process only). */
  stateTableName?: string;
  /** Create the table if missing: the sandbox and tests only, refused on Lambda. */
  stateTableAutoCreate: boolean;
  /** New findings a minute per channel before a burst is announced as one digest. */
  digestThreshold: number;
}

/** The settings a Secrets Manager secret (`SECRETS_ARN`) may hold. */
export const SECRET_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'ACTION_SIGNING_KEY'] as const;

/** Raised with every missing or invalid setting at once, so one read of the error fixes them all. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`Missing or invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

type Env = Record<string, string | undefined>;

/** Validates the environment (after merging the secret, if any) into a Config; throws ConfigError. */
export function parseConfig(env: Env): Config {
  // An empty value (`LOCALE=` in .env) means "not set", so defaults apply.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '');
      const given = env[name];
      return `${name}: ${given === undefined || given === '' ? 'not set' : 'invalid'}; expected ${issue.message}`;
    });
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  if (e.STATE_TABLE_AUTO_CREATE === 'true' && e.AWS_LAMBDA_FUNCTION_NAME) {
    throw new ConfigError([
      'STATE_TABLE_AUTO_CREATE: invalid on Lambda; expected false there (the CDK stack creates the table; auto-creation is for the sandbox and tests)',
    ]);
  }
  return {
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      channelId: e.SLACK_CHANNEL_ID,
      apiUrl: e.SLACK_API_URL.endsWith('/') ? e.SLACK_API_URL : `${e.SLACK_API_URL}/`,
      ...(e.SLACK_APP_TOKEN ? { appToken: e.SLACK_APP_TOKEN } : {}),
    },
    actionSigningKeys: e.ACTION_SIGNING_KEY,
    authorization: {
      allowedUserIds: e.ALLOWED_SLACK_USER_IDS,
      allowedGroupIds: e.ALLOWED_SLACK_USERGROUP_IDS,
    },
    isolationPolicyName: e.ISOLATION_POLICY_NAME,
    protectedRolePatterns: e.PROTECTED_ROLE_PATTERNS,
    auditEventBusName: e.AUDIT_EVENT_BUS_NAME,
    analyzerArn: e.ANALYZER_ARN,
    amazonQTopicArn: e.AMAZON_Q_TOPIC_ARN,
    locale: e.LOCALE,
    functionName: e.AWS_LAMBDA_FUNCTION_NAME,
    stateTableName: e.STATE_TABLE_NAME,
    stateTableAutoCreate: e.STATE_TABLE_AUTO_CREATE === 'true',
    digestThreshold: e.DIGEST_THRESHOLD,
  };
}

const secretSchema = z.record(z.string(), z.string());

/**
 * Reads the configuration; with `SECRETS_ARN` set, the Slack token, signing secret and action key come
 * from that one Secrets Manager secret (a JSON object with those names), read once per cold start.
 */
export async function loadConfig(env: Env, readSecret: (arn: string) => Promise<string>): Promise<Config> {
  const arn = env.SECRETS_ARN?.trim();
  if (!arn) return parseConfig(env);
  let secret: Record<string, string>;
  try {
    secret = secretSchema.parse(JSON.parse(await readSecret(arn)));
  } catch (error) {
    throw new ConfigError([
      `SECRETS_ARN: could not read ${arn} as a JSON object of strings (${String(error)})`,
    ]);
  }
  const fromSecret = Object.fromEntries(SECRET_KEYS.flatMap((k) => (secret[k] ? [[k, secret[k]]] : [])));
  return parseConfig({ ...env, ...fromSecret });
}
