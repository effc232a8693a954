import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/build.js';
import { SETTING_ENV } from '../../infra/settings.js';
import { STATE_TABLE } from '../../src/adapters/aws/state-table.js';

const BASE = {
  SLACK_CHANNEL_ID: 'C0123ABC',
  ALLOWED_SLACK_USER_IDS: 'U0ALICE',
  PROTECTED_ROLE_PATTERNS: 'BreakGlass*',
};
const templates = (env: Record<string, string> = {}) => {
  const { responder, stateful } = buildApp({ ...BASE, ...env });
  return { responder: Template.fromStack(responder), stateful: Template.fromStack(stateful) };
};
const defaults = templates();

type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: unknown;
  Sid?: string;
};
function statements(template: Template): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (p) =>
      (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
        .Statement,
  );
}
const list = <T>(v: T | T[]) => (Array.isArray(v) ? v : [v]);
/** Actions that change something: none may be granted on "*". */
const WRITE =
  /^(iam:(Put|Delete|Attach|Detach|Tag|Untag|Create|Update|Pass)|access-analyzer:(Update|Create|Apply|Delete|Start)|lambda:Invoke|sns:Publish|events:Put|dynamodb:(Put|Update|Delete|BatchWrite)|secretsmanager:(Put|Update|Delete))/;

describe('the responder stack', () => {
  it('forwards Access Analyzer findings of every external-access type to a queue by default', () => {
    defaults.responder.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.access-analyzer'],
        'detail-type': ['Access Analyzer Finding', 'Unused Access Finding for IAM entities'],
        detail: Match.absent(),
      },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Findings'), 'Arn'] } })],
    });
  });

  it('filters on the chosen resource types', () => {
    templates({ RESOURCE_TYPES: 'AWS::IAM::Role,AWS::S3::Bucket' }).responder.hasResourceProperties(
      'AWS::Events::Rule',
      {
        EventPattern: { detail: { resourceType: ['AWS::IAM::Role', 'AWS::S3::Bucket'] } },
      },
    );
  });

  it('delivers through an encrypted queue with a dead-letter queue, in small batches, at bounded concurrency', () => {
    const t = defaults.responder;
    t.hasResourceProperties('AWS::SQS::Queue', {
      VisibilityTimeout: 360,
      SqsManagedSseEnabled: true,
      RedrivePolicy: { maxReceiveCount: 5, deadLetterTargetArn: Match.anyValue() },
    });
    t.hasResourceProperties('AWS::SQS::Queue', {
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      ScalingConfig: { MaximumConcurrency: 2 },
    });
  });

  it('runs one function on Node.js 24, arm64, without reserved concurrency, never retrying a job', () => {
    const t = defaults.responder;
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      Handler: 'index.handler',
      ReservedConcurrentExecutions: Match.absent(),
      Environment: {
        Variables: Match.objectLike({
          SLACK_CHANNEL_ID: 'C0123ABC',
          ALLOWED_SLACK_USER_IDS: 'U0ALICE',
          PROTECTED_ROLE_PATTERNS: 'BreakGlass*',
          SECRETS_ARN: Match.anyValue(),
          STATE_TABLE_NAME: Match.anyValue(),
        }),
      },
    });
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0 });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('runs the sweep every hour', () => {
    defaults.responder.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Function'), 'Arn'] } })],
    });
  });

  it('serves Slack through an HTTP API route POST /slack/events, payload 2.0, throttled and logged', () => {
    const t = defaults.responder;
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /slack/events' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      DefaultRouteSettings: { ThrottlingRateLimit: 20, ThrottlingBurstLimit: 40 },
      AccessLogSettings: { DestinationArn: Match.anyValue() },
    });
    t.resourceCountIs('AWS::Lambda::Url', 0);
  });

  it('outputs the request URL and the manifest command to run next', () => {
    const outputs = defaults.responder.findOutputs('*');
    expect(JSON.stringify(outputs.SlackRequestUrl?.Value)).toContain('/slack/events');
    expect(JSON.stringify(outputs.NextStep?.Value)).toContain('npm run manifest -- --url ');
  });

  it('grants least privilege: no iam:*, no write action on "*", AWSDenyAll only, and the Deny on protected roles', () => {
    const all = statements(defaults.responder);
    for (const s of all) {
      for (const action of list(s.Action)) {
        expect(action, JSON.stringify(s)).not.toMatch(
          /^(iam|access-analyzer|lambda|sns|sqs|dynamodb):\*$|^\*$/,
        );
        if (s.Effect === 'Allow' && WRITE.test(action))
          expect(list(s.Resource), `${action} on *`).not.toContain('*');
      }
    }
    const byId = (sid: string) => all.find((s) => s.Sid === sid);
    expect(byId('AttachOnlyAWSDenyAll')?.Condition).toEqual({
      ArnEquals: {
        'iam:PolicyARN': {
          'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSDenyAll']],
        },
      },
    });
    const deny = byId('NeverServiceLinkedOrIdentityCenterOrSelf');
    expect(deny?.Effect).toBe('Deny');
    expect(JSON.stringify(deny?.Resource)).toContain(':role/aws-service-role/*');
    expect(JSON.stringify(deny?.Resource)).toContain(':role/aws-reserved/*');
    expect(JSON.stringify(deny?.Resource)).toContain('FunctionServiceRole');
    expect(list(deny?.Action ?? [])).toEqual(
      expect.arrayContaining(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:TagRole']),
    );
    expect(JSON.stringify(byId('HandJobsToItself')?.Resource)).toContain('Function');
    expect(JSON.stringify(byId('ReadAndArchiveFindings')?.Resource)).toContain(':analyzer/*');
  });

  it('scopes Access Analyzer permissions to the named analyzer when there is one', () => {
    const arn = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org';
    const s = statements(templates({ ANALYZER_ARN: arn }).responder).find(
      (x) => x.Sid === 'ReadAndArchiveFindings',
    );
    expect(s?.Resource).toBe(arn);
  });

  it('creates the analyzer, alarms, the audit grant and the Amazon Q mirror only when asked', () => {
    const t = defaults.responder;
    t.resourceCountIs('AWS::AccessAnalyzer::Analyzer', 0);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::Chatbot::SlackChannelConfiguration', 0);
    t.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    expect(statements(t).some((s) => list(s.Action).includes('events:PutEvents'))).toBe(false);

    const on = templates({
      CREATE_ANALYZER: 'true',
      ALARMS: 'false',
      AUDIT_EVENT_BUS_NAME: 'security-audit',
      MIRROR_TO_AMAZON_Q: 'true',
      AMAZON_Q_SLACK_WORKSPACE_ID: 'T0123',
      AMAZON_Q_SLACK_CHANNEL_ID: 'C0456',
    }).responder;
    on.hasResourceProperties('AWS::AccessAnalyzer::Analyzer', { Type: 'ACCOUNT' });
    on.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    on.hasResourceProperties('AWS::SNS::Topic', {});
    on.hasResourceProperties('AWS::Chatbot::SlackChannelConfiguration', {
      SlackWorkspaceId: 'T0123',
      SlackChannelId: 'C0456',
    });
    on.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          AMAZON_Q_TOPIC_ARN: Match.anyValue(),
          ANALYZER_ARN: Match.anyValue(),
          AUDIT_EVENT_BUS_NAME: 'security-audit',
        }),
      },
    });
    const granted = statements(on);
    expect(granted.some((s) => list(s.Action).includes('events:PutEvents'))).toBe(true);
    expect(granted.some((s) => list(s.Action).includes('sns:Publish'))).toBe(true);
  });

  it('uses a given Amazon Q topic instead of creating one', () => {
    const t = templates({ AMAZON_Q_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:existing' }).responder;
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ AMAZON_Q_TOPIC_ARN: 'arn:aws:sns:eu-west-1:111122223333:existing' }),
      },
    });
  });
});

describe('the stateful stack', () => {
  it('keeps the state table on demand, recoverable, with TTL, and retained on delete', () => {
    const t = defaults.stateful;
    t.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: STATE_TABLE.partitionKey, KeyType: 'HASH' },
          { AttributeName: STATE_TABLE.sortKey, KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: STATE_TABLE.ttlAttribute, Enabled: true },
        Replicas: [
          Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
        ],
      }),
    });
  });

  it('holds one secret with a generated action key', () => {
    defaults.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: {
        GenerateStringKey: 'ACTION_SIGNING_KEY',
        PasswordLength: 64,
        SecretStringTemplate: Match.stringLikeRegexp('SLACK_BOT_TOKEN'),
      },
    });
  });
});

describe('settings and cdk-nag', () => {
  it('lists every missing or invalid setting with where to set it', () => {
    expect(() => buildApp({ LOCALE: 'fr' })).toThrow(
      /slackChannelId \(-c slackChannelId=… or SLACK_CHANNEL_ID=…\)[\s\S]*locale/,
    );
  });

  it('documents every deployment setting in the README', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
    for (const [name, env] of Object.entries(SETTING_ENV)) {
      expect(readme, name).toMatch(new RegExp(`\\|[^|\\n]*\`${name}\`[^|\\n]*\\|[^|\\n]*\`${env}\``));
    }
  });

  it('synthesizes with zero unacknowledged AwsSolutions findings', () => {
    const { app } = buildApp(BASE);
    const assembly = app.synth();
    expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual([
      'AccessFindingsResponder',
      'AccessFindingsState',
    ]);
    const report = join(assembly.directory, 'validation-report.json');
    if (existsSync(report)) expect(JSON.parse(readFileSync(report, 'utf8')).pluginReports).toEqual([]);
  });

  it('fails the synth on a finding nobody acknowledged (the checks really run)', () => {
    const { app, responder } = buildApp(BASE);
    new Queue(Stack.of(responder), 'UnencryptedNoDlq');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
