import {
  CreateEventBusCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import { EventBridgeAudit } from '../../../src/adapters/aws/eventbridge-audit.js';
import type { AuditEvent } from '../../../src/ports.js';
import { MemoryLog } from '../../support/fakes.js';
import { motoClientConfig, motoUrl } from '../../support/moto.js';

describe.skipIf(!motoUrl)('audit events against moto_server', () => {
  it('reaches a queue through a rule on the audit bus', async () => {
    const events = new EventBridgeClient(motoClientConfig());
    const sqs = new SQSClient(motoClientConfig());
    await events.send(new CreateEventBusCommand({ Name: 'security-audit' }));
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'audit-siem' }));
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await events.send(
      new PutRuleCommand({
        Name: 'finding-actions',
        EventBusName: 'security-audit',
        EventPattern: JSON.stringify({ source: ['access-findings'], 'detail-type': ['Finding Action'] }),
      }),
    );
    await events.send(
      new PutTargetsCommand({
        Rule: 'finding-actions',
        EventBusName: 'security-audit',
        Targets: [{ Id: 'siem', Arn: Attributes?.QueueArn }],
      }),
    );

    const event: AuditEvent = {
      actor: { slackUserId: 'U0ALICE', name: 'alice' },
      action: 'finding.isolate',
      findingId: '8d1f6c2a-3b4e-4f50-9a61-7c8d9e0f1a2b',
      analyzerArn: 'arn:aws:access-analyzer:us-east-1:123456789012:analyzer/a',
      resource: 'arn:aws:iam::123456789012:role/VendorDeployRole',
      account: '123456789012',
      result: 'succeeded',
      reason: 'isolated_inline',
      time: '2025-03-04T11:00:00.000Z',
    };
    const log = new MemoryLog();
    await new EventBridgeAudit(events, 'security-audit', log).record(event);
    expect(log.entries).toEqual([]);

    const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2 }));
    expect(Messages).toHaveLength(1);
    const delivered = JSON.parse(Messages?.[0]?.Body ?? '{}');
    expect(delivered).toMatchObject({
      source: 'access-findings',
      'detail-type': 'Finding Action',
      detail: event,
    });
  });

  it('logs, and does not throw, when the bus does not exist', async () => {
    const log = new MemoryLog();
    await new EventBridgeAudit(new EventBridgeClient(motoClientConfig()), 'no-such-bus', log).record({
      actor: { slackUserId: 'U1', name: 'x' },
      action: 'finding.archive',
      findingId: 'f',
      analyzerArn: 'a',
      resource: 'r',
      account: '',
      result: 'refused',
      reason: 'not_authorized',
      time: '2025-03-04T11:00:00.000Z',
    });
    expect(log.entries[0]).toMatchObject({ level: 'error', message: 'audit event not published' });
  });
});
