import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxState } from '../src/adapters/sandbox/contract.js';
import { type RunningSandbox, startSandbox } from '../src/sandbox.js';
import { MemoryLog } from './support/fakes.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, log: new MemoryLog() });
});
afterAll(() => sandbox.close());

const state = async (): Promise<SandboxState> =>
  (await fetch(`${sandbox.url}/sandbox/state`)).json() as Promise<SandboxState>;
const control = async (action: string, body: unknown) =>
  (await fetch(`${sandbox.url}/sandbox/${action}`, { method: 'POST', body: JSON.stringify(body) })).json();

async function raise(scenario: string) {
  expect(await control('raise', { scenario })).toEqual({ ok: true });
  await sandbox.idle();
  const s = await state();
  return { s, message: s.messages.at(-1)! };
}

function buttonOn(message: SandboxState['messages'][number], actionId: string) {
  const actions = message.blocks.find((b) => b.type === 'actions') as
    | { block_id: string; elements: Array<Record<string, any>> }
    | undefined;
  const element = actions?.elements.find((e) => e.action_id === actionId);
  return element && actions
    ? { blockId: actions.block_id, value: element.value as string, element }
    : undefined;
}

async function press(user: string, message: SandboxState['messages'][number], actionId: string) {
  const button = buttonOn(message, actionId);
  if (!button) throw new Error(`no ${actionId} button`);
  const result = await control('press', {
    user,
    messageTs: message.ts,
    ephemeral: false,
    actionId,
    blockId: button.blockId,
    value: button.value,
  });
  await sandbox.idle();
  return result;
}

describe('the sandbox, through its HTTP API (the page uses the same)', () => {
  it('serves the page and an event stream', async () => {
    const page = await fetch(`${sandbox.url}/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const stream = await fetch(`${sandbox.url}/sandbox/stream`);
    expect(stream.headers.get('content-type')).toBe('text/event-stream');
    const reader = stream.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^data: \{"version":\d+\}/);
    await reader.cancel();
  });

  it('raises a finding, posts it, isolates the role on a press and shows the deny policy in the account', async () => {
    const { message } = await raise('vendor-role');
    expect(message.text).toBe(
      'IAM Access Analyzer finding: IAM role VendorDeployRole in account 111122223333',
    );
    expect(buttonOn(message, 'finding.isolate')?.element.confirm.title.text).toBe(
      'Isolate VendorDeployRole?',
    );

    expect(await press('U0ALICE', message, 'finding.isolate')).toEqual({ ok: true });
    const s = await state();
    const after = s.messages.find((m) => m.ts === message.ts)!;
    expect(after.replies.map((r) => r.text)).toEqual([
      'Role `VendorDeployRole` isolated: inline policy `AccessFindingsDenyAll` denies every action. Requested by <@U0ALICE>.',
    ]);
    expect(after.edited).toBe(true);
    expect(JSON.stringify(after.blocks)).toContain('Role isolated by <@U0ALICE>');
    expect(buttonOn(after, 'finding.isolate')).toBeUndefined();
    const role = s.account.roles.find((r) => r.name === 'VendorDeployRole')!;
    expect(role.inlinePolicies.AccessFindingsDenyAll).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'AccessFindingsDenyAll', Effect: 'Deny', Action: '*', Resource: '*' }],
    });
    expect(role.tags['access-findings:isolated-by']).toBe('U0ALICE');
    expect(s.audit.at(-1)).toMatchObject({ action: 'finding.isolate', result: 'succeeded' });
  });

  it('archives a finding on a press by a member of the allowed user group; the archive echo adds nothing', async () => {
    const { message, s: before } = await raise('s3-bucket');
    const finding = before.account.findings[0]!;
    expect(await press('U0BOB', message, 'finding.archive')).toEqual({ ok: true });
    const s = await state();
    expect(s.account.findings.find((f) => f.id === finding.id)?.status).toBe('ARCHIVED');
    const after = s.messages.find((m) => m.ts === message.ts)!;
    expect(after.replies.at(-1)?.text).toContain(`Finding \`${finding.id}\` archived`);
    expect(s.messages).toHaveLength(before.messages.length);
  });

  it('refuses the unauthorized user with an ephemeral message only they see, and changes nothing', async () => {
    const { message, s: before } = await raise('role-with-path');
    await press('U0MALLORY', message, 'finding.isolate');
    const s = await state();
    expect(s.ephemerals.at(-1)).toMatchObject({
      forUser: 'U0MALLORY',
      text: expect.stringContaining('You are not allowed to act on findings'),
    });
    expect(s.account.roles.find((r) => r.name === 'CiDeployRole')?.inlinePolicies).toEqual({});
    expect(s.messages.find((m) => m.ts === message.ts)?.replies).toEqual([]);
    expect(s.audit.length).toBe(before.audit.length + 1);
    expect(s.audit.at(-1)).toMatchObject({ result: 'refused', reason: 'not_authorized' });
  });

  it('does not offer Isolate on a service-linked role, and says why', async () => {
    const { message } = await raise('service-linked-role');
    expect(buttonOn(message, 'finding.isolate')).toBeUndefined();
    expect(JSON.stringify(message.blocks)).toContain('Isolate is not offered: it is a service-linked role');
  });

  it('answers /access-findings in the command box, and a press in the list acts and answers only the presser', async () => {
    await raise('s3-bucket');
    expect(await control('command', { user: 'U0ALICE', text: 'list type=bucket' })).toEqual({ ok: true });
    await sandbox.idle();
    let s = await state();
    const list = s.ephemerals.at(-1)!;
    expect(list).toMatchObject({ forUser: 'U0ALICE', fromSlack: false });
    expect(list.blocks[0]).toMatchObject({
      type: 'section',
      text: { text: expect.stringContaining('type=bucket') },
    });
    const actions = list.blocks.find((b) => b.type === 'actions') as {
      block_id: string;
      elements: Array<Record<string, any>>;
    };
    const archive = actions.elements.find((e) => e.action_id === 'finding.archive')!;
    // The first bucket's finding was archived above; only the second one is still active.
    expect(JSON.stringify(list.blocks)).toContain('acme-shared-reports-2');
    const result = await control('press', {
      user: 'U0ALICE',
      messageTs: list.ts,
      ephemeral: true,
      actionId: 'finding.archive',
      blockId: actions.block_id,
      value: archive.value,
    });
    expect(result).toEqual({ ok: true });
    await sandbox.idle();
    s = await state();
    expect(s.ephemerals.at(-1)).toMatchObject({
      forUser: 'U0ALICE',
      text: expect.stringContaining('archived in analyzer'),
    });
    expect(
      s.account.findings.filter((f) => f.resourceType === 'AWS::S3::Bucket' && f.status === 'ACTIVE'),
    ).toEqual([]);
  });

  it('refuses bad control input with a reason', async () => {
    expect(await control('raise', { scenario: 'nope' })).toEqual({
      ok: false,
      error: 'unknown scenario nope',
    });
    expect(await control('burst', { count: 0 })).toMatchObject({ ok: false });
    expect(
      await control('press', {
        user: 'U0ALICE',
        messageTs: '1.1',
        ephemeral: false,
        actionId: 'x',
        blockId: 'y',
        value: 'z',
      }),
    ).toMatchObject({ ok: false });
  });
});

describe('the sandbox under a burst', () => {
  it('announces a burst as one digest whose thread lists every finding once, through the rate limit', async () => {
    const burst = await startSandbox({ port: 0, log: new MemoryLog(), env: { DIGEST_THRESHOLD: '3' } });
    try {
      const post = async (body: unknown) =>
        (await fetch(`${burst.url}/sandbox/burst`, { method: 'POST', body: JSON.stringify(body) })).json();
      expect(await post({ count: 25 })).toEqual({ ok: true });
      await burst.idle();
      const s = (await (await fetch(`${burst.url}/sandbox/state`)).json()) as SandboxState;
      const digest = s.messages.find((m) => m.text.includes('arrived at once'));
      expect(digest?.text).toBe('22 new IAM Access Analyzer findings arrived at once');
      expect(s.messages).toHaveLength(4);
      const listed = [
        ...digest!.replies
          .map((r) => r.text)
          .join('\n')
          .matchAll(/`([0-9a-f-]{36})`/g),
      ].map((m) => m[1]);
      const single = s.messages
        .filter((m) => m !== digest)
        .map((m) => JSON.stringify(m.blocks).match(/Finding id\*\\n`([0-9a-f-]{36})`/)?.[1]);
      const all = [...listed, ...single];
      expect(new Set(all).size).toBe(25);
      expect(all).toHaveLength(25);
      expect(s.account.findings.map((f) => f.id).sort()).toEqual([...all].sort());
      expect(s.delivery).toMatchObject({ waiting: 0, inFlight: 0, deadLetters: 0 });
    } finally {
      await burst.close();
    }
  }, 60_000);
});
