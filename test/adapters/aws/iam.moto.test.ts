import { CreateRoleCommand, type IAMClient, ListRoleTagsCommand } from '@aws-sdk/client-iam';
import { beforeAll, describe, expect, it } from 'vitest';
import { AwsIam, createIamClient } from '../../../src/adapters/aws/iam.js';
import { isolateAction } from '../../../src/app/actions/isolate.js';
import { denyAllPolicy } from '../../../src/domain/isolation.js';
import { msg, translator } from '../../../src/domain/messages/index.js';
import { FakeFindings, FakeIdentity, MemoryLog } from '../../support/fakes.js';
import { findingForRole } from '../../support/findings.js';
import { motoClientConfig, motoUrl } from '../../support/moto.js';

const t = translator('en');
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' },
  ],
});

describe.skipIf(!motoUrl)('IAM adapter against moto_server', () => {
  let client: IAMClient;
  let iam: AwsIam;
  let account: string;

  beforeAll(async () => {
    client = createIamClient(motoClientConfig());
    iam = new AwsIam(client);
    const created = await client.send(
      new CreateRoleCommand({
        RoleName: 'MotoVendorRole',
        Path: '/deploy/ci/',
        AssumeRolePolicyDocument: trust,
      }),
    );
    account = created.Role?.Arn?.split(':')[4] ?? '';
  });

  const run = (roleArn: string) =>
    isolateAction.run({
      finding: findingForRole(roleArn),
      actor: { id: 'U0ALICE', name: 'alice' },
      now: new Date('2025-03-04T11:00:00Z'),
      settings: { isolationPolicyName: 'AccessFindingsDenyAll', protectedRolePatterns: [] },
      iam,
      findings: new FakeFindings(),
      identity: new FakeIdentity({ account, roleName: 'access-findings-responder' }),
      log: new MemoryLog(),
    });

  it('isolates a role with a path, and the policy reads back as written', async () => {
    const roleArn = `arn:aws:iam::${account}:role/deploy/ci/MotoVendorRole`;
    const outcome = await run(roleArn);
    expect(outcome.result).toBe('succeeded');
    expect(await iam.getRolePolicy('MotoVendorRole', 'AccessFindingsDenyAll')).toEqual(denyAllPolicy());
    const tags = await client.send(new ListRoleTagsCommand({ RoleName: 'MotoVendorRole' }));
    expect(tags.Tags).toContainEqual({ Key: 'access-findings:isolated-by', Value: 'U0ALICE' });
    expect((await iam.getRole('MotoVendorRole'))?.arn).toBe(roleArn);
  });

  it('says "already isolated" the second time and changes nothing', async () => {
    const outcome = await run(`arn:aws:iam::${account}:role/deploy/ci/MotoVendorRole`);
    expect(outcome.result).toBe('already_done');
    expect(t(outcome.reply[0] ?? msg('card.none'))).toContain('was already isolated (by <@U0ALICE>');
  });

  it('reports a missing role as gone, without writing', async () => {
    await expect(run(`arn:aws:iam::${account}:role/NoSuchRole`)).rejects.toMatchObject({
      code: 'role_not_found',
    });
    expect(await iam.getRole('NoSuchRole')).toBeUndefined();
    await expect(iam.putRolePolicy('NoSuchRole', 'P', denyAllPolicy())).rejects.toMatchObject({
      code: 'role_not_found',
    });
  });
});
