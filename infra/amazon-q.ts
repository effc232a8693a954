import { Validations } from 'aws-cdk-lib';
import { SlackChannelConfiguration } from 'aws-cdk-lib/aws-chatbot';
import { ManagedPolicy } from 'aws-cdk-lib/aws-iam';
import { type ITopic, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { DeploySettings } from './settings.js';

/**
 * The Amazon Q Developer in chat applications mirror: an SNS topic the function publishes custom
 * notifications to (created here unless one is given), and, given a Slack workspace and channel, the
 * channel configuration that delivers them.
 */
export class AmazonQMirror extends Construct {
  readonly topic: ITopic;

  constructor(scope: Construct, id: string, settings: DeploySettings) {
    super(scope, id);
    if (settings.amazonQTopicArn) {
      this.topic = Topic.fromTopicArn(this, 'Topic', settings.amazonQTopicArn);
    } else {
      const topic = new Topic(this, 'Topic', {
        displayName: 'access-findings to Amazon Q Developer',
        enforceSSL: true,
      });
      Validations.of(topic).acknowledge({
        id: 'AwsSolutions-SNS2',
        reason:
          'Amazon Q Developer in chat applications cannot subscribe to a topic encrypted with an AWS managed key, and the messages are already in the Slack channel it mirrors.',
      });
      this.topic = topic;
    }
    if (settings.amazonQSlackWorkspaceId && settings.amazonQSlackChannelId) {
      new SlackChannelConfiguration(this, 'SlackChannel', {
        slackChannelConfigurationName: 'access-findings',
        slackWorkspaceId: settings.amazonQSlackWorkspaceId,
        slackChannelId: settings.amazonQSlackChannelId,
        notificationTopics: [this.topic],
        // The channel only receives notifications; nobody runs commands through it.
        guardrailPolicies: [ManagedPolicy.fromAwsManagedPolicyName('ReadOnlyAccess')],
      });
    }
  }
}
