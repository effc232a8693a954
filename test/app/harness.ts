import { MemoryStateStore } from '../../src/adapters/memory-store.js';
import { actionRegistry } from '../../src/app/actions/registry.js';
import type { ActionSettings } from '../../src/app/actions/types.js';
import { makeCardBuilder } from '../../src/app/card.js';
import { FindingGroups } from '../../src/app/finding-groups.js';
import { makeRunAction } from '../../src/app/run-action.js';
import type { Finding } from '../../src/domain/finding.js';
import type { ActionJob } from '../../src/domain/job.js';
import { signingKeys } from '../../src/domain/sealed.js';
import {
  FakeAudit,
  FakeChat,
  FakeClock,
  FakeFindings,
  FakeIam,
  FakeIdentity,
  MemoryLog,
} from '../support/fakes.js';

export const KEYS = signingKeys(['test-action-key-test-action-key-0001']);
export const SETTINGS: ActionSettings = {
  isolationPolicyName: 'AccessFindingsDenyAll',
  protectedRolePatterns: ['BreakGlass*'],
};

/** The job path wired to in-memory fakes. */
export function jobHarness(...findings: Finding[]) {
  const actions = actionRegistry();
  const chat = new FakeChat();
  const findingStore = new FakeFindings(...findings);
  const iam = new FakeIam();
  const identity = new FakeIdentity();
  const audit = new FakeAudit();
  const clock = new FakeClock();
  const log = new MemoryLog();
  const buildCard = makeCardBuilder(actions, SETTINGS);
  const store = new MemoryStateStore(clock);
  const groups = new FindingGroups(store, clock);
  const run = makeRunAction({
    groups,
    actions,
    settings: SETTINGS,
    buildCard,
    chat,
    findings: findingStore,
    iam,
    identity,
    audit,
    clock,
    log,
  });
  const job = (finding: Finding, action: string, overrides: Partial<ActionJob> = {}): ActionJob => ({
    kind: 'action',
    action,
    analyzerArn: finding.analyzerArn,
    findingId: finding.id,
    resource: finding.resource ?? '',
    channel: 'C0FINDINGS',
    messageTs: '1700000000.000100',
    actor: { id: 'U0ALICE', name: 'alice' },
    requestedAt: clock.now().toISOString(),
    ...overrides,
  });
  return {
    run,
    job,
    chat,
    findings: findingStore,
    iam,
    identity,
    audit,
    clock,
    log,
    buildCard,
    store,
    groups,
  };
}
