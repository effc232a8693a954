import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AttachRolePolicyCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  IAMClient,
  LimitExceededException,
  NoSuchEntityException,
  PutRolePolicyCommand,
  TagRoleCommand,
  UnmodifiableEntityException,
} from '@aws-sdk/client-iam';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsIam, createIamClient } from '../../../src/adapters/aws/iam.js';

const mock = mockClient(IAMClient);
afterAll(() => mock.restore());
beforeEach(() => mock.reset());
const iam = new AwsIam(new IAMClient({ region: 'us-east-1' }));

describe('AwsIam (SDK inputs and errors)', () => {
  it('reads a role and its tags', async () => {
    mock.on(GetRoleCommand, { RoleName: 'R' }).resolves({
      Role: {
        RoleName: 'R',
        Path: '/a/',
        Arn: 'arn:aws:iam::1:role/a/R',
        RoleId: 'x',
        CreateDate: new Date(),
        Tags: [{ Key: 'k', Value: 'v' }],
      },
    });
    expect(await iam.getRole('R')).toEqual({ arn: 'arn:aws:iam::1:role/a/R', tags: { k: 'v' } });
  });

  it('answers undefined for a missing role or policy', async () => {
    mock.on(GetRoleCommand).rejects(new NoSuchEntityException({ message: 'no', $metadata: {} }));
    mock.on(GetRolePolicyCommand).rejects(new NoSuchEntityException({ message: 'no', $metadata: {} }));
    expect(await iam.getRole('R')).toBeUndefined();
    expect(await iam.getRolePolicy('R', 'P')).toBeUndefined();
  });

  it('decodes the URL-encoded policy document IAM returns', async () => {
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] };
    mock
      .on(GetRolePolicyCommand)
      .resolves({ RoleName: 'R', PolicyName: 'P', PolicyDocument: encodeURIComponent(JSON.stringify(doc)) });
    expect(await iam.getRolePolicy('R', 'P')).toEqual(doc);
  });

  it('sends the exact write inputs', async () => {
    mock.onAnyCommand().resolves({});
    await iam.putRolePolicy('R', 'P', { a: 1 });
    await iam.attachRolePolicy('R', 'arn:aws:iam::aws:policy/AWSDenyAll');
    await iam.tagRole('R', { k: 'v' });
    expect(mock.commandCalls(PutRolePolicyCommand)[0]?.args[0].input).toEqual({
      RoleName: 'R',
      PolicyName: 'P',
      PolicyDocument: '{"a":1}',
    });
    expect(mock.commandCalls(AttachRolePolicyCommand)[0]?.args[0].input).toEqual({
      RoleName: 'R',
      PolicyArn: 'arn:aws:iam::aws:policy/AWSDenyAll',
    });
    expect(mock.commandCalls(TagRoleCommand)[0]?.args[0].input).toEqual({
      RoleName: 'R',
      Tags: [{ Key: 'k', Value: 'v' }],
    });
  });

  it.each([
    [new NoSuchEntityException({ message: 'gone', $metadata: {} }), 'role_not_found'],
    [
      new LimitExceededException({ message: 'Maximum policy size of 10240 bytes exceeded', $metadata: {} }),
      'iam_limit_exceeded',
    ],
    [new UnmodifiableEntityException({ message: 'slr', $metadata: {} }), 'role_protected'],
    [
      Object.assign(new Error('User is not authorized'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
      'aws_access_denied',
    ],
    [
      Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } }),
      'aws_throttled',
    ],
    [
      Object.assign(new Error('boom'), { name: 'ServiceFailure', $metadata: { httpStatusCode: 500 } }),
      'aws_unavailable',
    ],
    [
      Object.assign(new Error('bad doc'), {
        name: 'MalformedPolicyDocumentException',
        $metadata: { httpStatusCode: 400 },
      }),
      'aws_failed',
    ],
  ])('maps %s to %s', async (error, code) => {
    mock.on(PutRolePolicyCommand).rejects(error);
    await expect(iam.putRolePolicy('R', 'P', {})).rejects.toMatchObject({ code });
  });
});

describe('createIamClient', () => {
  it('does not retry LimitExceeded (a quota), but does retry throttling', async () => {
    let calls = 0;
    let answer = 'LimitExceeded';
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        calls++;
        res.writeHead(answer === 'LimitExceeded' ? 409 : 400, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${answer}</Code><Message>m</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
        );
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    mock.restore();
    try {
      const client = createIamClient({
        endpoint: `http://127.0.0.1:${port}`,
        region: 'us-east-1',
        credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
      });
      const real = new AwsIam(client);
      await expect(real.putRolePolicy('R', 'P', {})).rejects.toMatchObject({ code: 'iam_limit_exceeded' });
      expect(calls).toBe(1);
      calls = 0;
      answer = 'Throttling';
      await expect(real.putRolePolicy('R', 'P', {})).rejects.toMatchObject({ code: 'aws_throttled' });
      expect(calls).toBe(3);
    } finally {
      server.close();
      mock.reset();
    }
  });
});
