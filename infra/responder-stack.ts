import { join } from 'node:path';
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { CfnAnalyzer } from 'aws-cdk-lib/aws-accessanalyzer';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AmazonQMirror } from './amazon-q.js';
import { BUNDLING, ENTRY, RUNTIME_NODE_OPTIONS } from './bundling.js';
import { responderPolicy } from './responder-permissions.js';
import { type DeploySettings, EXTERNAL_ACCESS_TYPES } from './settings.js';

const REPO = join(import.meta.dirname, '..');

export interface ResponderProps extends StackProps {
  settings: DeploySettings;
  table: ITableV2;
  secret: ISecret;
}

/**
 * The responder: one Lambda function behind an API Gateway HTTP API (Slack) and an EventBridge rule →
 * SQS → event source (findings), with least-privilege permissions, alarms, and the optional analyzer
 * and Amazon Q Developer mirror.
 */
export class ResponderStack extends Stack {
  readonly fn: NodejsFunction;
  readonly api: HttpApi;
  readonly queue: Queue;

  constructor(scope: Construct, id: string, props: ResponderProps) {
    super(scope, id, props);
    const { settings } = props;

    const analyzer = settings.createAnalyzer
      ? new CfnAnalyzer(this, 'Analyzer', { type: 'ACCOUNT' })
      : undefined;
    const analyzerArn = settings.analyzerArn ?? analyzer?.attrArn;
    const mirror =
      settings.mirrorToAmazonQ || settings.amazonQTopicArn
        ? new AmazonQMirror(this, 'AmazonQ', settings)
        : undefined;

    const logGroup = new LogGroup(this, 'FunctionLogs', { retention: RetentionDays.THREE_MONTHS });
    this.fn = new NodejsFunction(this, 'Function', {
      entry: ENTRY,
      handler: 'handler',
      projectRoot: REPO,
      depsLockFilePath: join(REPO, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      // The Slack path answers in well under 3 s; the job and findings paths may wait on Slack's rate limit.
      timeout: Duration.seconds(60),
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      bundling: {
        ...BUNDLING,
        format: OutputFormat.CJS,
        externalModules: [...BUNDLING.externalModules],
        esbuildArgs: { ...BUNDLING.esbuildArgs, '--alias': [...BUNDLING.esbuildArgs['--alias']] },
      },
      environment: {
        NODE_OPTIONS: RUNTIME_NODE_OPTIONS,
        POWERTOOLS_SERVICE_NAME: 'access-findings',
        SECRETS_ARN: props.secret.secretArn,
        SLACK_CHANNEL_ID: settings.slackChannelId,
        ALLOWED_SLACK_USER_IDS: settings.allowedSlackUserIds.join(','),
        ALLOWED_SLACK_USERGROUP_IDS: settings.allowedSlackUsergroupIds.join(','),
        PROTECTED_ROLE_PATTERNS: settings.protectedRolePatterns.join(','),
        LOCALE: settings.locale,
        STATE_TABLE_NAME: props.table.tableName,
        ...(analyzerArn ? { ANALYZER_ARN: analyzerArn } : {}),
        ...(settings.auditEventBusName ? { AUDIT_EVENT_BUS_NAME: settings.auditEventBusName } : {}),
        ...(mirror ? { AMAZON_Q_TOPIC_ARN: mirror.topic.topicArn } : {}),
      },
    });
    // A job invocation that fails has already told the person why; running it again would act twice.
    this.fn.configureAsyncInvoke({ retryAttempts: 0 });
    props.secret.grantRead(this.fn);
    props.table.grantReadWriteData(this.fn);
    const role = this.fn.role;
    if (!role) throw new Error('the responder function has no execution role');
    responderPolicy(this, role, this.fn.functionArn, analyzerArn);
    if (settings.auditEventBusName)
      EventBus.fromEventBusName(this, 'AuditBus', settings.auditEventBusName).grantPutEventsTo(this.fn);
    mirror?.topic.grantPublish(this.fn);

    this.api = this.slackApi();
    const { queue, deadLetters } = this.findingsQueue(settings);
    this.queue = queue;
    // Access Analyzer's events are best effort: an hourly sweep announces what never arrived.
    new Rule(this, 'SweepSchedule', {
      description: 'access-findings: hourly sweep of ACTIVE findings',
      schedule: Schedule.rate(Duration.hours(1)),
      targets: [new LambdaFunction(this.fn, { retryAttempts: 0 })],
    });
    if (settings.alarms) this.alarms(deadLetters);

    const url = `${this.api.apiEndpoint}/slack/events`;
    new CfnOutput(this, 'SlackRequestUrl', { value: url, description: "The Slack app's request URL" });
    new CfnOutput(this, 'NextStep', {
      value: `npm run manifest -- --url ${url}`,
      description: 'Prints the Slack app manifest with this URL; paste it into "Create app from manifest"',
    });

    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'The app is built and tested for Node.js 24 (the bundle targets node24); moving to a newer runtime is a deliberate upgrade, not a drift.',
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      reason: "Lambda's basic execution policy grants only writing the function's own CloudWatch logs.",
    });
  }

  private slackApi(): HttpApi {
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: RetentionDays.THREE_MONTHS });
    const api = new HttpApi(this, 'SlackApi', {
      description: 'Slack request URL for access-findings',
      createDefaultStage: false,
    });
    api.addRoutes({
      path: '/slack/events',
      methods: [HttpMethod.POST],
      integration: new HttpLambdaIntegration('Slack', this.fn),
    });
    new HttpStage(this, 'SlackApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      // Slack sends a handful of requests per press; this bounds what anyone else can make the function do.
      throttle: { rateLimit: 20, burstLimit: 40 },
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs) },
    });
    Validations.of(api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Slack cannot send an IAM or JWT authorizer; every request is authenticated by its Slack signature (HMAC with the signing secret) in the function, which answers 401 otherwise.',
    });
    return api;
  }

  private findingsQueue(settings: DeploySettings): { queue: Queue; deadLetters: Queue } {
    const deadLetters = new Queue(this, 'FindingsDeadLetters', {
      retentionPeriod: Duration.days(14),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
    });
    const queue = new Queue(this, 'Findings', {
      visibilityTimeout: Duration.seconds(6 * 60),
      retentionPeriod: Duration.days(4),
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 },
    });
    const types = settings.resourceTypes.length > 0 ? settings.resourceTypes : [...EXTERNAL_ACCESS_TYPES];
    const allTypes = EXTERNAL_ACCESS_TYPES.every((t) => types.includes(t));
    new Rule(this, 'FindingsRule', {
      description: 'Access Analyzer findings to access-findings',
      eventPattern: {
        source: ['aws.access-analyzer'],
        detailType: ['Access Analyzer Finding', 'Unused Access Finding for IAM entities'],
        ...(allTypes ? {} : { detail: { resourceType: types } }),
      },
      targets: [new SqsQueue(queue)],
    });
    this.fn.addEventSource(
      new SqsEventSource(queue, {
        // Large batches let a burst become one digest with few thread messages.
        batchSize: 100,
        maxBatchingWindow: Duration.seconds(5),
        reportBatchItemFailures: true,
        // Slack takes about one message a second per channel; two pollers are plenty, and bound the rest.
        maxConcurrency: 2,
      }),
    );
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is the dead-letter queue.',
    });
    return { queue, deadLetters };
  }

  private alarms(deadLetters: Queue): void {
    const alarm = (id: string, metric: IMetric, description: string) =>
      new Alarm(this, id, {
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      });
    alarm(
      'DeadLettersAlarm',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
      'Findings could not be posted and wait in the dead-letter queue',
    );
    alarm(
      'ErrorsAlarm',
      this.fn.metricErrors({ period: Duration.minutes(5) }),
      'The responder function failed',
    );
    alarm(
      'ThrottlesAlarm',
      this.fn.metricThrottles({ period: Duration.minutes(5) }),
      'The responder function was throttled',
    );
  }
}
