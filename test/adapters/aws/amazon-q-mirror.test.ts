import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { toCustomNotification } from '../../../src/adapters/aws/amazon-q-notification.js';
import { SnsMirror } from '../../../src/adapters/aws/sns-mirror.js';
import { msg, translator } from '../../../src/domain/messages/index.js';
import type { MirrorEvent } from '../../../src/ports.js';
import { FakeClock, MemoryLog } from '../../support/fakes.js';
import { roleFinding } from '../../support/findings.js';
import { motoClientConfig, motoUrl } from '../../support/moto.js';

/** The documented custom notification schema (reference/amazon-q-custom-notifications.md). */
const customNotification = z.strictObject({
  version: z.literal('1.0'),
  source: z.literal('custom'),
  id: z.string().min(1).optional(),
  content: z.strictObject({
    textType: z.literal('client-markdown').optional(),
    title: z.string().min(1),
    description: z.string().max(2000).optional(),
    nextSteps: z.array(z.string()).optional(),
    keywords: z.array(z.string()).optional(),
  }),
  metadata: z
    .strictObject({
      threadId: z.string().optional(),
      summary: z.string().optional(),
      eventType: z.string().optional(),
      relatedResources: z.array(z.string()).optional(),
      additionalContext: z.record(z.string(), z.string()).optional(),
      enableCustomActions: z.boolean().optional(),
    })
    .optional(),
});

const t = translator('en');
const finding = roleFinding({ principal: { AWS: '*' }, isPublic: true });
const created: MirrorEvent = { kind: 'finding', finding };
const isolated: MirrorEvent = {
  kind: 'outcome',
  action: 'finding.isolate',
  actionName: msg('action.finding.isolate.name'),
  findingId: finding.id,
  analyzerArn: finding.analyzerArn,
  resource: finding.resource ?? '',
  finding,
  actor: { id: 'U0ALICE', name: 'alice' },
  result: 'succeeded',
  lines: [
    msg('reply.isolatedInline', {
      role: 'VendorDeployRole',
      policy: 'AccessFindingsDenyAll',
      user: 'U0ALICE',
    }),
  ],
};

describe('Amazon Q Developer custom notifications', () => {
  it('announces a new finding in the documented format, threaded by finding id', () => {
    const n = customNotification.parse(
      toCustomNotification(created, t, 'C0FINDINGS', '2025-03-04T11:00:00.000Z'),
    );
    expect(n.content.title).toBe('External access to IAM role VendorDeployRole');
    expect(n.content.description).toContain('is accessible by anyone (public)');
    expect(n.content.nextSteps).toEqual([
      'Isolate or archive it from its message in <#C0FINDINGS>.',
      `See it in full: \`/access-findings show ${finding.id}\``,
    ]);
    expect(n.content.keywords).toEqual(['AWS::IAM::Role', '444455556666', 'eu-west-1', 'public']);
    expect(n.metadata).toMatchObject({
      threadId: finding.id,
      eventType: 'AccessFindingCreated',
      relatedResources: [finding.resource, finding.analyzerArn],
      enableCustomActions: false,
    });
  });

  it('threads an action result under its finding', () => {
    const n = customNotification.parse(
      toCustomNotification(isolated, t, 'C0FINDINGS', '2025-03-04T11:00:00.000Z'),
    );
    expect(n.content.title).toBe('Isolate succeeded: VendorDeployRole');
    expect(n.content.description).toContain('Role `VendorDeployRole` isolated');
    expect(n.metadata).toMatchObject({
      threadId: finding.id,
      eventType: 'AccessFindingIsolateSucceeded',
      additionalContext: {
        action: 'finding.isolate',
        result: 'succeeded',
        actor: 'alice',
        account: '444455556666',
      },
    });
  });

  it('publishes to the topic, and logs instead of throwing when SNS refuses', async () => {
    const sns = mockClient(SNSClient);
    try {
      sns.on(PublishCommand).resolves({ MessageId: 'm-1' });
      const log = new MemoryLog();
      const mirror = new SnsMirror(
        new SNSClient({}),
        'arn:aws:sns:eu-west-1:111122223333:q',
        t,
        'C0FINDINGS',
        new FakeClock(),
        log,
      );
      await mirror.publish(created);
      const input = sns.commandCalls(PublishCommand)[0]?.args[0].input;
      expect(input?.TopicArn).toBe('arn:aws:sns:eu-west-1:111122223333:q');
      customNotification.parse(JSON.parse(input?.Message ?? ''));
      sns.on(PublishCommand).rejects(new Error('AuthorizationError'));
      await mirror.publish(isolated);
      expect(log.entries).toEqual([
        expect.objectContaining({ level: 'error', message: 'Amazon Q mirror message not published' }),
      ]);
    } finally {
      sns.restore();
    }
  });
});

describe.skipIf(!motoUrl)('the mirror against moto_server', () => {
  it('delivers the notification through the topic', async () => {
    const sns = new SNSClient(motoClientConfig());
    const sqs = new SQSClient(motoClientConfig());
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'access-findings-q' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'q-subscriber' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: 'true' },
      }),
    );
    const log = new MemoryLog();
    await new SnsMirror(sns, TopicArn ?? '', t, 'C0FINDINGS', new FakeClock(), log).publish(isolated);
    expect(log.entries).toEqual([]);
    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    const delivered = customNotification.parse(JSON.parse(Messages?.[0]?.Body ?? '{}'));
    expect(delivered.metadata?.threadId).toBe(finding.id);
  });
});
