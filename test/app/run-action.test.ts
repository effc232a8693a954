import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.js';
import { msg, translator } from '../../src/domain/messages/index.js';
import { roleFinding } from '../support/findings.js';
import { jobHarness } from './harness.js';

const t = translator('en');
const ROLE = 'arn:aws:iam::444455556666:role/deploy/ci/VendorDeployRole';
const statusOf = (h: ReturnType<typeof jobHarness>) => h.chat.lastCard()?.status.map(t).join('\n') ?? '';
const buttonsOf = (h: ReturnType<typeof jobHarness>) => h.chat.lastCard()?.buttons.map((b) => b.action) ?? [];

describe('run action: isolate', () => {
  it('attaches the deny-all inline policy and tags the role, then reports in the thread and redraws', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    await h.run(h.job(finding, 'finding.isolate'));

    expect(h.iam.writes()).toEqual([
      'PutRolePolicy VendorDeployRole AccessFindingsDenyAll',
      'TagRole VendorDeployRole',
    ]);
    expect(h.iam.role('VendorDeployRole').inline.get('AccessFindingsDenyAll')).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AccessFindingsDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }],
    });
    expect(h.iam.role('VendorDeployRole').tags).toMatchObject({
      'access-findings:isolated-by': 'U0ALICE',
      'access-findings:isolated-by-name': 'alice',
      'access-findings:finding-id': finding.id,
      'access-findings:isolation': 'inline:AccessFindingsDenyAll',
    });
    expect(h.chat.replies).toEqual([
      {
        ref: { channel: 'C0FINDINGS', ts: '1700000000.000100' },
        text: 'Role `VendorDeployRole` isolated: inline policy `AccessFindingsDenyAll` denies every action. Requested by <@U0ALICE>.',
      },
    ]);
    // First redraw: working, no buttons. Last: isolated, Archive still offered.
    expect(h.chat.updates[0]?.card.status.map(t).join()).toContain(
      'Working… Isolate requested by <@U0ALICE>',
    );
    expect(h.chat.updates[0]?.card.buttons).toEqual([]);
    expect(statusOf(h)).toContain('Role isolated by <@U0ALICE>');
    expect(buttonsOf(h)).toEqual(['finding.archive']);
    expect(h.audit.events).toEqual([
      expect.objectContaining({
        action: 'finding.isolate',
        result: 'succeeded',
        reason: 'isolated_inline',
        account: '444455556666',
      }),
    ]);
  });

  it('says "already isolated" and writes nothing the second time', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    await h.run(h.job(finding, 'finding.isolate'));
    h.iam.calls = [];
    await h.run(h.job(finding, 'finding.isolate', { actor: { id: 'U0BOB', name: 'bob' } }));
    expect(h.iam.writes()).toEqual([]);
    expect(h.chat.replies[1]?.text).toMatch(
      /^Role `VendorDeployRole` was already isolated \(by <@U0ALICE> .*\); nothing changed\. Requested by <@U0BOB>\.$/,
    );
    expect(h.audit.events.at(-1)).toMatchObject({ result: 'already_done', reason: 'already_isolated' });
  });

  it('falls back to AWSDenyAll when the inline policy quota is reached, and says so', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    h.iam.inlineFull = true;
    await h.run(h.job(finding, 'finding.isolate'));
    expect(h.iam.role('VendorDeployRole').attached).toEqual(['arn:aws:iam::aws:policy/AWSDenyAll']);
    expect(h.chat.replies[0]?.text).toContain('the managed policy `AWSDenyAll` was attached instead');
    expect(h.iam.role('VendorDeployRole').tags['access-findings:isolation']).toBe('managed:AWSDenyAll');
    expect(h.audit.events[0]).toMatchObject({ result: 'succeeded', reason: 'isolated_managed' });
  });

  it('keeps the deny in place and says so when tagging fails', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    h.iam.failTagging = true;
    await h.run(h.job(finding, 'finding.isolate'));
    expect(h.iam.role('VendorDeployRole').inline.has('AccessFindingsDenyAll')).toBe(true);
    expect(h.chat.replies[0]?.text).toContain(
      'The deny policy is in place, but recording who isolated the role in its tags failed',
    );
  });

  it.each([
    [
      'a service-linked role',
      'arn:aws:iam::444455556666:role/aws-service-role/ops.amazonaws.com/AWSServiceRoleForOps',
      'service-linked',
    ],
    [
      'an Identity Center role',
      'arn:aws:iam::444455556666:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1',
      'Identity Center',
    ],
    ['a protected pattern', 'arn:aws:iam::444455556666:role/BreakGlassAdmin', 'BreakGlass*'],
    [
      "the app's own role",
      'arn:aws:iam::444455556666:role/access-findings-responder',
      'the role this app runs as',
    ],
    [
      'a role in another account',
      'arn:aws:iam::999988887777:role/VendorDeployRole',
      'this app acts only in account 444455556666',
    ],
  ])('refuses %s before any IAM or Access Analyzer call', async (_what, arn, reason) => {
    const finding = roleFinding({ resource: arn });
    const h = jobHarness(finding);
    h.iam.addRole(arn);
    await h.run(h.job(finding, 'finding.isolate'));
    expect(h.iam.calls).toEqual([]);
    expect(h.findings.calls).toEqual([]);
    expect(h.chat.replies[0]?.text).toMatch(/^:no_entry: Isolate refused for `[^`]+`: /);
    expect(h.chat.replies[0]?.text).toContain(reason);
    expect(h.audit.events[0]).toMatchObject({ result: 'refused' });
  });

  it('refuses a role that no longer exists, or was replaced by another of the same name', async () => {
    const gone = jobHarness(roleFinding());
    await gone.run(gone.job(roleFinding(), 'finding.isolate'));
    expect(gone.chat.replies[0]?.text).toContain('role `VendorDeployRole` no longer exists');
    expect(gone.iam.writes()).toEqual([]);

    const replaced = jobHarness(roleFinding());
    replaced.iam.addRole('arn:aws:iam::444455556666:role/other/VendorDeployRole');
    await replaced.run(replaced.job(roleFinding(), 'finding.isolate'));
    expect(replaced.chat.replies[0]?.text).toContain('it is a different role now');
    expect(replaced.iam.writes()).toEqual([]);
  });

  it('refuses to overwrite an inline policy of the same name that it did not write', async () => {
    const h = jobHarness(roleFinding());
    h.iam.addRole(ROLE, {
      AccessFindingsDenyAll: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] },
    });
    await h.run(h.job(roleFinding(), 'finding.isolate'));
    expect(h.iam.writes()).toEqual([]);
    expect(h.chat.replies[0]?.text).toContain('that this app did not write');
  });
});

describe('run action: archive', () => {
  it('archives the finding in its analyzer, reports, and drops the buttons', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    await h.run(h.job(finding, 'finding.archive'));
    expect(h.findings.calls).toEqual([`GetFinding ${finding.id}`, `UpdateFindings ${finding.id} ARCHIVED`]);
    expect(h.chat.replies[0]?.text).toBe(
      `Finding \`${finding.id}\` archived in analyzer \`${finding.analyzerArn}\`. Requested by <@U0ALICE>.`,
    );
    expect(statusOf(h)).toContain('Archived by <@U0ALICE>');
    expect(buttonsOf(h)).toEqual([]);
    expect(h.audit.events[0]).toMatchObject({ result: 'succeeded', reason: 'archived' });
  });

  it('archives a non-role finding without touching IAM', async () => {
    const finding = roleFinding({
      resourceType: 'AWS::S3::Bucket',
      resource: 'arn:aws:s3:::acme-shared-reports',
    });
    const h = jobHarness(finding);
    await h.run(h.job(finding, 'finding.archive'));
    expect(h.iam.calls).toEqual([]);
    expect(h.findings.byId.get(`${finding.analyzerArn}|${finding.id}`)?.status).toBe('ARCHIVED');
  });

  it('keeps the isolation on the redrawn message when an isolated role finding is archived', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    await h.run(h.job(finding, 'finding.isolate'));
    await h.run(h.job(finding, 'finding.archive'));
    expect(statusOf(h)).toMatch(/Role isolated by <@U0ALICE>[\s\S]*Archived by <@U0ALICE>/);
  });
});

describe('run action: the re-read (trust boundary 4)', () => {
  it('refuses when the finding no longer exists', async () => {
    const finding = roleFinding();
    const h = jobHarness();
    await h.run(h.job(finding, 'finding.archive'));
    expect(h.chat.replies[0]?.text).toContain(`Finding \`${finding.id}\` no longer exists`);
    expect(h.findings.calls).toEqual([`GetFinding ${finding.id}`]);
    expect(h.chat.updates).toEqual([]);
  });

  it('refuses and redraws when the finding is no longer ACTIVE', async () => {
    const finding = roleFinding({ status: 'RESOLVED' });
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    await h.run(h.job(finding, 'finding.isolate'));
    expect(h.chat.replies[0]?.text).toContain('The finding is RESOLVED now, not ACTIVE.');
    expect(h.iam.writes()).toEqual([]);
    expect(statusOf(h)).toContain('Finding is RESOLVED');
    expect(buttonsOf(h)).toEqual([]);
  });

  it("refuses when the finding's resource differs from the token's", async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.iam.addRole(ROLE);
    await h.run(h.job(finding, 'finding.isolate', { resource: 'arn:aws:iam::444455556666:role/Other' }));
    expect(h.chat.replies[0]?.text).toContain('names a different resource');
    expect(h.iam.calls).toEqual([]);
  });
});

describe('run action: failures and bad jobs', () => {
  it('reports an AWS failure in words a person can act on', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.findings.archive = async () => {
      throw new AppError(
        'aws_access_denied',
        msg('error.awsAccessDenied', { operation: 'access-analyzer:UpdateFindings' }),
      );
    };
    await h.run(h.job(finding, 'finding.archive'));
    expect(h.chat.replies[0]?.text).toBe(
      ':x: Archive failed for `VendorDeployRole`: AWS denied `access-analyzer:UpdateFindings` to the app; its IAM permissions need to allow it. Nothing else was changed. Requested by <@U0ALICE>.',
    );
    expect(h.audit.events[0]).toMatchObject({ result: 'failed', reason: 'aws_access_denied' });
    // The message is redrawn with its buttons back, so the person can try again.
    expect(buttonsOf(h)).toEqual(['finding.isolate', 'finding.archive']);
  });

  it('still acts when the working state cannot be shown', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    h.chat.failUpdates = true;
    await h.run(h.job(finding, 'finding.archive'));
    expect(h.findings.calls).toContain(`UpdateFindings ${finding.id} ARCHIVED`);
    expect(h.chat.replies).toHaveLength(1);
  });

  it('answers a press in a list (an ephemeral message) through its response_url, and redraws nothing', async () => {
    const finding = roleFinding();
    const h = jobHarness(finding);
    await h.run(
      h.job(finding, 'finding.archive', {
        messageTs: undefined,
        responseUrl: 'https://hooks.slack.com/actions/1',
      }),
    );
    expect(h.findings.calls).toContain(`UpdateFindings ${finding.id} ARCHIVED`);
    expect(h.chat.updates).toEqual([]);
    expect(h.chat.replies).toEqual([]);
    expect(h.chat.responses[0]).toMatchObject({
      target: { responseUrl: 'https://hooks.slack.com/actions/1', channel: 'C0FINDINGS' },
      replaceOriginal: false,
    });
    expect(h.chat.lastText()).toContain(`Finding \`${finding.id}\` archived`);
  });
});
