import * as z from 'zod/mini';
import { commaList, optionalMatching } from '../src/config.js';

/** Every resource type an external-access analyzer reports on (the rule forwards these by default). */
export const EXTERNAL_ACCESS_TYPES = [
  'AWS::IAM::Role',
  'AWS::IAM::User',
  'AWS::S3::Bucket',
  'AWS::S3Express::DirectoryBucket',
  'AWS::KMS::Key',
  'AWS::SQS::Queue',
  'AWS::SNS::Topic',
  'AWS::Lambda::Function',
  'AWS::Lambda::LayerVersion',
  'AWS::SecretsManager::Secret',
  'AWS::EFS::FileSystem',
  'AWS::EC2::Snapshot',
  'AWS::ECR::Repository',
  'AWS::RDS::DBSnapshot',
  'AWS::RDS::DBClusterSnapshot',
  'AWS::DynamoDB::Table',
  'AWS::DynamoDB::Stream',
] as const;

const flag = (byDefault: 'true' | 'false') =>
  z.pipe(
    z._default(z.enum(['true', 'false'], 'true or false'), byDefault),
    z.transform((v: 'true' | 'false') => v === 'true'),
  );
/** Items of a comma-separated setting that must each match `pattern`. */
const listOf = (pattern: RegExp, description: string) =>
  commaList(z.string().check(z.regex(pattern, description)));

/** Deployment settings, from CDK context (`-c name=value`) or the environment (`NAME=value`). */
const schema = z
  .object({
    slackChannelId: z
      .string({ error: 'the Slack channel id (C…) findings are posted to' })
      .check(z.regex(/^[CG][A-Z0-9]{2,}$/, 'a Slack channel id (C… or G…)')),
    allowedSlackUserIds: listOf(/^[UW][A-Z0-9]{2,}$/, 'Slack user ids (U…)'),
    allowedSlackUsergroupIds: listOf(/^S[A-Z0-9]{2,}$/, 'Slack user group ids (S…)'),
    protectedRolePatterns: commaList(z.string()),
    locale: z._default(z.enum(['en', 'ja'], 'en or ja'), 'en'),
    resourceTypes: listOf(/^AWS::\w+::\w+$/, 'resource types such as AWS::IAM::Role'),
    createAnalyzer: flag('false'),
    analyzerArn: optionalMatching(/^arn:[\w-]+:access-analyzer:/, 'an analyzer ARN'),
    auditEventBusName: optionalMatching(/./, 'an EventBridge bus name'),
    mirrorToAmazonQ: flag('false'),
    amazonQTopicArn: optionalMatching(/^arn:[\w-]+:sns:/, 'an SNS topic ARN'),
    amazonQSlackWorkspaceId: optionalMatching(/^T[A-Z0-9]+$/, 'a Slack workspace id (T…)'),
    amazonQSlackChannelId: optionalMatching(/^[CG][A-Z0-9]+$/, 'a Slack channel id (C…)'),
    alarms: flag('true'),
  })
  .check(
    z.refine((s) => !s.amazonQSlackWorkspaceId === !s.amazonQSlackChannelId, {
      error: 'amazonQSlackWorkspaceId and amazonQSlackChannelId go together',
      path: ['amazonQSlackChannelId'],
    }),
  );

export type DeploySettings = z.infer<typeof schema>;

/** The setting names, with the environment variable each may also come from. */
export const SETTING_ENV: Record<keyof z.input<typeof schema>, string> = {
  slackChannelId: 'SLACK_CHANNEL_ID',
  allowedSlackUserIds: 'ALLOWED_SLACK_USER_IDS',
  allowedSlackUsergroupIds: 'ALLOWED_SLACK_USERGROUP_IDS',
  protectedRolePatterns: 'PROTECTED_ROLE_PATTERNS',
  locale: 'LOCALE',
  resourceTypes: 'RESOURCE_TYPES',
  createAnalyzer: 'CREATE_ANALYZER',
  analyzerArn: 'ANALYZER_ARN',
  auditEventBusName: 'AUDIT_EVENT_BUS_NAME',
  mirrorToAmazonQ: 'MIRROR_TO_AMAZON_Q',
  amazonQTopicArn: 'AMAZON_Q_TOPIC_ARN',
  amazonQSlackWorkspaceId: 'AMAZON_Q_SLACK_WORKSPACE_ID',
  amazonQSlackChannelId: 'AMAZON_Q_SLACK_CHANNEL_ID',
  alarms: 'ALARMS',
};

/** Reads the settings: context first, then the environment; every problem is listed at once. */
export function readSettings(
  context: (name: string) => unknown,
  env: Record<string, string | undefined>,
): DeploySettings {
  const raw = Object.fromEntries(
    Object.entries(SETTING_ENV).flatMap(([name, envName]) => {
      const value = context(name) ?? env[envName];
      return value === undefined || value === '' ? [] : [[name, String(value)]];
    }),
  );
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0] ?? '');
      return `  - ${name} (-c ${name}=… or ${SETTING_ENV[name as keyof typeof SETTING_ENV] ?? name}=…): ${i.message}`;
    });
    throw new Error(`Missing or invalid deployment settings:\n${problems.join('\n')}`);
  }
  return parsed.data;
}
