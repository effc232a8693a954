import { describe, expect, it } from 'vitest';
import { SCENARIOS } from '../../../src/adapters/sandbox/scenarios.js';
import { type AnalyzerEvent, SimulatedAccount } from '../../../src/adapters/sandbox/simulated-account.js';
import { isolateAction } from '../../../src/app/actions/isolate.js';
import { parseFindingEvent } from '../../../src/domain/finding-event.js';
import { MemoryLog } from '../../support/fakes.js';

function account() {
  const events: AnalyzerEvent[] = [];
  return { events, sim: new SimulatedAccount((e) => events.push(e)) };
}

describe('SimulatedAccount', () => {
  it.each(SCENARIOS.map((s) => [s.id]))('emits an Access Analyzer event the app parses for %s', (id) => {
    const { events, sim } = account();
    const finding = sim.raise(id);
    const parsed = parseFindingEvent(events[0]);
    expect(parsed.finding).toEqual(finding);
  });

  it('derives the finding from the trust policy (principal, external id, public)', () => {
    const { sim } = account();
    expect(sim.raise('vendor-role')).toMatchObject({
      principal: { AWS: '999988887777' },
      condition: { 'sts:ExternalId': 'vendor-42' },
      isPublic: false,
    });
    expect(sim.raise('public-role')).toMatchObject({ principal: { AWS: '*' }, isPublic: true });
    expect(sim.raise('role-with-path').resource).toBe(
      'arn:aws:iam::111122223333:role/deploy/ci/CiDeployRole',
    );
  });

  it('raises a fresh resource when the scenario is raised again', () => {
    const { sim } = account();
    sim.raise('vendor-role');
    expect(sim.raise('vendor-role').resource).toBe('arn:aws:iam::111122223333:role/VendorDeployRole2');
  });

  it("echoes the app's own archive as an ARCHIVED event, as Access Analyzer does", async () => {
    const { events, sim } = account();
    const f = sim.raise('s3-bucket');
    await sim.findingsPort.archive(f.analyzerArn, f.id);
    expect(parseFindingEvent(events[1]).finding.status).toBe('ARCHIVED');
    expect(await sim.findingsPort.get(f.analyzerArn, f.id)).toMatchObject({ status: 'ARCHIVED' });
  });

  it("enforces IAM's inline policy quota, so Isolate falls back to AWSDenyAll", async () => {
    const { sim } = account();
    const f = sim.raise('vendor-role');
    await sim.iamPort.putRolePolicy('VendorDeployRole', 'Big', {
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'x'.repeat(10_150) }],
    });
    const outcome = await isolateAction.run({
      finding: f,
      actor: { id: 'U0ALICE', name: 'alice' },
      now: new Date(),
      settings: { isolationPolicyName: 'AccessFindingsDenyAll', protectedRolePatterns: [] },
      iam: sim.iamPort,
      findings: sim.findingsPort,
      identity: sim.identityPort,
      log: new MemoryLog(),
    });
    expect(outcome.reason).toBe('isolated_managed');
    expect(sim.snapshot().roles.find((r) => r.name === 'VendorDeployRole')?.attachedPolicies).toEqual([
      'arn:aws:iam::aws:policy/AWSDenyAll',
    ]);
  });

  it('refuses writes to service-linked roles, as IAM does', async () => {
    const { sim } = account();
    sim.raise('service-linked-role');
    await expect(sim.iamPort.putRolePolicy('AWSServiceRoleForSupport', 'P', {})).rejects.toMatchObject({
      code: 'role_protected',
    });
  });
});
