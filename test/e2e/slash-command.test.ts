import {
  AccessAnalyzerClient,
  GetFindingV2Command,
  ListAnalyzersCommand,
  ListFindingsV2Command,
  ResourceNotFoundException,
} from '@aws-sdk/client-accessanalyzer';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { externalAccessDetails } from '../support/findings.js';
import { CHANNEL, lambdaUnderTest, SIGNING_SECRET } from '../support/lambda-env.js';
import { SlackApiStub } from '../support/slack-api-stub.js';
import { blockActionsBody, signedEvent, slashCommandBody } from '../support/slack-requests.js';

const analyzer = mockClient(AccessAnalyzerClient);
const lambda = mockClient(LambdaClient);
const iam = mockClient(IAMClient);
const slack = new SlackApiStub();
beforeAll(() => slack.start());
afterAll(async () => {
  await slack.stop();
  analyzer.restore();
  lambda.restore();
  iam.restore();
});

const ANALYZER = 'arn:aws:access-analyzer:eu-west-1:111122223333:analyzer/org-external';
const ALICE = { id: 'U0ALICE', name: 'alice' };

/** 25 role findings, the newest first, as the analyzer holds them. */
const FINDINGS = Array.from({ length: 25 }, (_, i) => ({
  id: `f-${String(i + 1).padStart(2, '0')}`,
  role: `Role${String(i + 1).padStart(2, '0')}`,
  createdAt: new Date(Date.UTC(2025, 2, 25 - i)),
}));

/** A finding as ListFindingsV2 returns it. */
function summaryOf(f: (typeof FINDINGS)[number]) {
  return {
    id: f.id,
    status: 'ACTIVE' as const,
    resourceType: 'AWS::IAM::Role' as const,
    resource: `arn:aws:iam::444455556666:role/${f.role}`,
    resourceOwnerAccount: '444455556666',
    createdAt: f.createdAt,
    updatedAt: f.createdAt,
    analyzedAt: f.createdAt,
    findingType: 'ExternalAccess' as const,
  };
}

function awsWith25Findings() {
  analyzer.reset();
  lambda.reset().on(InvokeCommand).resolves({ StatusCode: 202 });
  // Role13 was isolated earlier: its listing must not offer Isolate again.
  iam
    .reset()
    .on(GetRoleCommand)
    .callsFake((input) => ({
      Role: {
        RoleName: input.RoleName,
        Arn: `arn:aws:iam::444455556666:role/${input.RoleName}`,
        Path: '/',
        RoleId: 'AROA1',
        CreateDate: new Date(),
        Tags:
          input.RoleName === 'Role13'
            ? [{ Key: 'access-findings:isolation', Value: 'inline:AccessFindingsDenyAll' }]
            : [],
      },
    }));
  analyzer.on(ListAnalyzersCommand, { type: 'ACCOUNT' }).resolves({
    analyzers: [
      { arn: ANALYZER, name: 'org-external', type: 'ACCOUNT', status: 'ACTIVE', createdAt: new Date() },
      { arn: `${ANALYZER}-old`, name: 'old', type: 'ACCOUNT', status: 'DISABLED', createdAt: new Date() },
    ],
  });
  analyzer.on(ListAnalyzersCommand, { type: 'ORGANIZATION' }).resolves({ analyzers: [] });
  analyzer.on(ListFindingsV2Command).callsFake((input) => {
    const start = Number(input.nextToken ?? 0);
    const page = FINDINGS.slice(start, start + (input.maxResults ?? 100));
    const end = start + page.length;
    return { findings: page.map(summaryOf), ...(end < FINDINGS.length ? { nextToken: String(end) } : {}) };
  });
  analyzer.on(GetFindingV2Command).callsFake((input) => {
    const f = FINDINGS.find((x) => x.id === input.id);
    if (!f)
      throw new ResourceNotFoundException({
        message: 'no',
        $metadata: {},
        resourceId: input.id,
        resourceType: 'Finding',
      });
    return {
      ...summaryOf(f),
      findingDetails: externalAccessDetails(),
    };
  });
}

beforeEach(() => {
  slack.reset();
  awsWith25Findings();
});

let responseN = 0;
/** Sends `/access-findings <text>` through handler(); answers the ack and the job event it handed off. */
async function command(handler: (e: unknown) => Promise<unknown>, text: string, user = ALICE) {
  const responseUrl = `${slack.url}/response/${++responseN}`;
  const ack = (await handler(
    signedEvent(slashCommandBody({ text, user, channel: CHANNEL, responseUrl }), { secret: SIGNING_SECRET }),
  )) as {
    statusCode: number;
    body: string;
  };
  const invokes = lambda.commandCalls(InvokeCommand);
  const job =
    invokes.length > 0
      ? JSON.parse(new TextDecoder().decode(invokes.at(-1)?.args[0].input.Payload as Uint8Array))
      : undefined;
  lambda.resetHistory();
  return { ack: JSON.parse(ack.body || '{}'), status: ack.statusCode, job, responseUrl };
}

/** Runs the handed-off job and returns what it posted to the response_url. */
async function answer(handler: (e: unknown) => Promise<unknown>, job: unknown) {
  const before = slack.responses.length;
  await handler(job);
  expect(slack.responses.length).toBe(before + 1);
  return slack.responses.at(-1)!;
}

const sectionsOf = (body: any): string[] =>
  body.blocks.filter((b: any) => b.type === 'section').map((b: any) => b.text.text);
const nextButton = (body: any) => body.blocks.find((b: any) => b.block_id === 'findings:next')?.elements[0];

describe('/access-findings through handler()', () => {
  it('lists 25 findings over three pages, newest first, each with its signed buttons', async () => {
    const { handler } = lambdaUnderTest(slack);
    const first = await command(handler, '');
    expect(first.status).toBe(200);
    expect(first.ack).toEqual({ response_type: 'ephemeral', text: ':mag: Looking up findings…' });
    expect(analyzer.calls()).toEqual([]);

    const page1 = await answer(handler, first.job);
    expect(page1.path).toBe(new URL(first.responseUrl).pathname);
    expect(page1.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    const items1 = sectionsOf(page1.body).slice(1);
    expect(items1).toHaveLength(10);
    expect(items1[0]).toContain('*IAM role Role01*');
    expect(items1[0]).toContain('Accessible by AWS: `999988887777`');
    expect(items1[9]).toContain('Role10');
    const actions = page1.body.blocks.filter(
      (b: any) => b.type === 'actions' && b.block_id.startsWith('finding:'),
    );
    expect(actions).toHaveLength(10);
    expect(actions[0].elements.map((e: any) => e.action_id)).toEqual(['finding.isolate', 'finding.archive']);
    expect(page1.body.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(page1.body)).toContain('Findings 1–10');

    // "Next page" replaces the list with the next ten, then the last five, and then stops.
    const seen = [...items1];
    let page = page1;
    for (const [n, expected] of [
      [2, 10],
      [3, 5],
    ] as const) {
      const next = nextButton(page.body);
      expect(next.action_id).toBe('findings.next_page');
      const press = blockActionsBody({
        actionId: 'findings.next_page',
        value: next.value,
        blockId: 'findings:next',
        channel: CHANNEL,
        messageTs: '1700000009.000100',
        user: ALICE,
        responseUrl: `${slack.url}/response/${++responseN}`,
      });
      const ack = (await handler(signedEvent(press, { secret: SIGNING_SECRET }))) as { statusCode: number };
      expect(ack.statusCode).toBe(200);
      const invoke = lambda.commandCalls(InvokeCommand).at(-1);
      lambda.resetHistory();
      page = await answer(
        handler,
        JSON.parse(new TextDecoder().decode(invoke?.args[0].input.Payload as Uint8Array)),
      );
      expect(page.body.replace_original).toBe(true);
      const items = sectionsOf(page.body).slice(1);
      expect(items, `page ${n}`).toHaveLength(expected);
      if (n === 2) {
        const role13 = page.body.blocks.find((b: any) => b.block_id === 'finding:f-13');
        expect(role13.elements.map((e: any) => e.action_id)).toEqual(['finding.archive']);
        expect(items.find((i) => i.includes('Role13'))).toContain('Role isolated by');
      }
      expect(sectionsOf(page.body)[0]).toContain(`page ${n}`);
      seen.push(...items);
    }
    expect(nextButton(page.body)).toBeUndefined();
    const roles = seen.map((s) => /Role\d\d/.exec(s)?.[0]);
    expect(roles).toEqual(FINDINGS.map((f) => f.role));
  });

  it('passes filters to Access Analyzer as filter criteria', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { job } = await command(
      handler,
      'list type=role account=444455556666 principal=9999 resource=Vendor status=archived',
    );
    await answer(handler, job);
    expect(analyzer.commandCalls(ListFindingsV2Command)[0]?.args[0].input).toMatchObject({
      analyzerArn: ANALYZER,
      maxResults: 10,
      filter: {
        status: { eq: ['ARCHIVED'] },
        resourceType: { eq: ['AWS::IAM::Role'] },
        resourceOwnerAccount: { eq: ['444455556666'] },
        'principal.AWS': { contains: ['9999'] },
        resource: { contains: ['Vendor'] },
      },
    });
  });

  it('asks only ANALYZER_ARN when it is set', async () => {
    const { handler } = lambdaUnderTest(slack, { ANALYZER_ARN: ANALYZER });
    const { job } = await command(handler, 'list');
    await answer(handler, job);
    expect(analyzer.commandCalls(ListAnalyzersCommand)).toEqual([]);
  });

  it('shows one finding in full, as the notification does', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { job } = await command(handler, 'show f-03');
    const { body } = await answer(handler, job);
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'External access to IAM role Role03', emoji: true },
    });
    expect(JSON.stringify(body.blocks)).toContain('*Finding id*\\n`f-03`');
  });

  it('says so when show is given an unknown id', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { job } = await command(handler, 'show f-99');
    const { body } = await answer(handler, job);
    expect(body.text).toBe('No analyzer here has a finding `f-99`.');
  });

  it('counts active findings by type and account, and names the oldest', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { job } = await command(handler, 'stats');
    const { body } = await answer(handler, job);
    const text = JSON.stringify(body.blocks);
    expect(body.text).toBe('*25 findings* match `status=active`');
    expect(text).toContain('• IAM role: 25');
    expect(text).toContain('• 444455556666: 25');
    expect(text).toContain('Oldest: IAM role *Role25*');
  });

  it('answers help at once, without a job', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { ack, job } = await command(handler, 'help');
    expect(ack.response_type).toBe('ephemeral');
    expect(ack.text).toContain('`show <finding-id>`');
    expect(job).toBeUndefined();
  });

  it.each([
    ['delete everything', 'I did not understand `delete`.'],
    ['list colour=red', '`colour=red` is not a filter I know.'],
    ['list type=spaceship', '`type=spaceship` has a value I cannot use.'],
    ['list account=42', '`account=42` has a value I cannot use.'],
    ['list type=role type=bucket', '`type=bucket` repeats a filter given before.'],
    ['show', '`show` needs a finding id'],
  ])('answers %j with the help, naming what was wrong', async (text, problem) => {
    const { handler } = lambdaUnderTest(slack);
    const { ack, job } = await command(handler, text);
    expect(ack.text.startsWith(problem)).toBe(true);
    expect(ack.text).toContain('Filters:');
    expect(job).toBeUndefined();
  });

  it('refuses an unauthorized user in the acknowledgement, and looks nothing up', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { ack, job } = await command(handler, 'list', { id: 'U0MALLORY', name: 'mallory' });
    expect(ack.text).toContain('You are not allowed to act on findings');
    expect(job).toBeUndefined();
    expect(analyzer.calls()).toEqual([]);
  });

  it('refuses a tampered "Next page" button', async () => {
    const { handler } = lambdaUnderTest(slack);
    const { job } = await command(handler, '');
    const page1 = await answer(handler, job);
    const next = nextButton(page1.body);
    const press = blockActionsBody({
      actionId: 'findings.next_page',
      value: `${next.value.slice(0, -4)}AAAA`,
      blockId: 'findings:next',
      channel: CHANNEL,
      messageTs: '1700000009.000100',
      user: ALICE,
      responseUrl: `${slack.url}/response/${++responseN}`,
    });
    await handler(signedEvent(press, { secret: SIGNING_SECRET }));
    expect(lambda.commandCalls(InvokeCommand)).toEqual([]);
    expect(slack.responses.at(-1)?.body.text).toContain('This button is not valid');
  });

  it('says how to fix a Region without an analyzer', async () => {
    const { handler } = lambdaUnderTest(slack);
    analyzer.on(ListAnalyzersCommand).resolves({ analyzers: [] });
    const { job } = await command(handler, 'list');
    const { body } = await answer(handler, job);
    expect(body.text).toContain('There is no active external-access analyzer');
  });
});
