import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Translate } from '../../domain/messages/index.js';
import type { Clock, Log, Mirror, MirrorEvent } from '../../ports.js';
import { toCustomNotification } from './amazon-q-notification.js';

/** Publishes mirror events to the Amazon Q Developer topic. Never throws: a lost mirror message is logged. */
export class SnsMirror implements Mirror {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
    private readonly t: Translate,
    private readonly channel: string,
    private readonly clock: Clock,
    private readonly log: Log,
  ) {}

  async publish(event: MirrorEvent): Promise<void> {
    const notification = toCustomNotification(event, this.t, this.channel, this.clock.now().toISOString());
    try {
      await this.client.send(
        new PublishCommand({ TopicArn: this.topicArn, Message: JSON.stringify(notification) }),
      );
    } catch (error) {
      this.log.error('Amazon Q mirror message not published', { id: notification.id, error });
    }
  }
}
