import { RemovalPolicy, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { AttributeType, Billing, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { STATE_TABLE } from '../src/adapters/aws/state-table.js';

/** What outlives a redeploy: the state table and the secret holding the Slack credentials and action key. */
export class StatefulStack extends Stack {
  readonly table: TableV2;
  readonly secret: Secret;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.table = new TableV2(this, 'StateTable', {
      partitionKey: { name: STATE_TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: STATE_TABLE.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      timeToLiveAttribute: STATE_TABLE.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // Who acted on which finding is evidence; a stack deletion must not erase it.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // The Slack values are pasted in after the Slack app exists (README: Install in Slack); the
    // action key is generated here and never leaves AWS.
    this.secret = new Secret(this, 'Secrets', {
      description:
        'access-findings: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (set them) and ACTION_SIGNING_KEY (generated)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ SLACK_BOT_TOKEN: 'set-me', SLACK_SIGNING_SECRET: 'set-me' }),
        generateStringKey: 'ACTION_SIGNING_KEY',
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Slack bot token and signing secret are issued and rotated by Slack, not by a Lambda rotator; the action key rotates by prepending a new key to ACTION_SIGNING_KEY (both verify until old buttons expire).',
    });
  }
}
