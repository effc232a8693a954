import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it } from 'vitest';
import { EventBridgeAudit } from '../../../src/adapters/aws/eventbridge-audit.js';
import { LambdaJobs } from '../../../src/adapters/aws/lambda-jobs.js';
import { AwsIdentity, toSelfIdentity } from '../../../src/adapters/aws/sts.js';
import type { AuditEvent } from '../../../src/ports.js';
import { MemoryLog } from '../../support/fakes.js';

const lambda = mockClient(LambdaClient);
const sts = mockClient(STSClient);
const events = mockClient(EventBridgeClient);
afterAll(() => {
  lambda.restore();
  sts.restore();
  events.restore();
});

describe('LambdaJobs', () => {
  it('invokes the same function asynchronously with the job event', async () => {
    lambda.reset().on(InvokeCommand).resolves({ StatusCode: 202 });
    await new LambdaJobs(new LambdaClient({}), 'fn').enqueue('v1.job.mac');
    const input = lambda.commandCalls(InvokeCommand)[0]?.args[0].input;
    expect(input).toMatchObject({ FunctionName: 'fn', InvocationType: 'Event' });
    expect(JSON.parse(new TextDecoder().decode(input?.Payload as Uint8Array))).toEqual({
      'access-findings': 'job',
      job: 'v1.job.mac',
    });
  });

  it('fails when Lambda does not accept the event', async () => {
    lambda.reset().on(InvokeCommand).resolves({ StatusCode: 200 });
    await expect(new LambdaJobs(new LambdaClient({}), 'fn').enqueue('x')).rejects.toMatchObject({
      code: 'aws_failed',
    });
  });
});

describe('AwsIdentity', () => {
  it('reads the role from an assumed-role ARN, asking STS once', async () => {
    sts
      .reset()
      .on(GetCallerIdentityCommand)
      .resolves({ Account: '444455556666', Arn: 'arn:aws:sts::444455556666:assumed-role/responder-role/fn' });
    const identity = new AwsIdentity(new STSClient({}));
    expect(await identity.whoAmI()).toEqual({ account: '444455556666', roleName: 'responder-role' });
    await identity.whoAmI();
    expect(sts.calls()).toHaveLength(1);
  });

  it('has no role for a user', () => {
    expect(toSelfIdentity('1', 'arn:aws:iam::1:user/dev')).toEqual({ account: '1' });
  });
});

describe('EventBridgeAudit', () => {
  const event: AuditEvent = {
    actor: { slackUserId: 'U1', name: 'a' },
    action: 'finding.archive',
    findingId: 'f',
    analyzerArn: 'an',
    resource: 'r',
    account: '1',
    result: 'succeeded',
    reason: 'archived',
    time: '2025-03-04T11:00:00.000Z',
  };

  it('publishes the event to the bus with source and detail-type', async () => {
    events.reset().on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    await new EventBridgeAudit(new EventBridgeClient({}), 'bus', new MemoryLog()).record(event);
    expect(events.commandCalls(PutEventsCommand)[0]?.args[0].input).toEqual({
      Entries: [
        {
          EventBusName: 'bus',
          Source: 'access-findings',
          DetailType: 'Finding Action',
          Detail: JSON.stringify(event),
          Time: new Date(event.time),
        },
      ],
    });
  });

  it('logs a rejected entry instead of throwing', async () => {
    events
      .reset()
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'X', ErrorMessage: 'no' }] });
    const log = new MemoryLog();
    await new EventBridgeAudit(new EventBridgeClient({}), 'bus', log).record(event);
    expect(log.entries[0]).toMatchObject({ level: 'error', message: 'audit event not published' });
  });
});
