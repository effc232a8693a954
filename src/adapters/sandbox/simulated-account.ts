import { randomUUID } from 'node:crypto';
import { findingSummary } from '../../domain/answer.js';
import { AppError } from '../../domain/errors.js';
import type { Finding } from '../../domain/finding.js';
import { EXTERNAL_DETAIL_TYPE, UNUSED_DETAIL_TYPE } from '../../domain/finding-event.js';
import type { FindingFilters } from '../../domain/finding-query.js';
import type { SelfIdentity } from '../../domain/guardrails.js';
import { msg } from '../../domain/messages/index.js';
import type { Findings, Iam, Identity, RoleInfo } from '../../ports.js';
import type { SimulatedBucket, SimulatedFinding, SimulatedRole } from './contract.js';
import { SCENARIOS, type Scenario } from './scenarios.js';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-1';
/** IAM's limit on all inline policies of a role together, whitespace excluded. */
const INLINE_POLICY_QUOTA = 10_240;

/** The EventBridge event Access Analyzer emits (the shape `parseFindingEvent` reads). */
export type AnalyzerEvent = Record<string, unknown>;

interface Role extends SimulatedRole {
  inline: Map<string, string>;
}

/**
 * One AWS account in memory: IAM roles with trust policies, inline policies and tags, an S3 bucket,
 * two analyzers (external and unused access) and their findings. It implements the same ports as
 * the real adapters, and emits an Access Analyzer event on every new finding and status change.
 */
export class SimulatedAccount {
  readonly id = ACCOUNT;
  readonly region = REGION;
  readonly externalAnalyzer = `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/sandbox-external`;
  readonly unusedAnalyzer = `arn:aws:access-analyzer:${REGION}:${ACCOUNT}:analyzer/sandbox-unused`;
  /** The role the app itself runs as; the guardrails must refuse to isolate it. */
  readonly appRoleName = 'access-findings-sandbox';
  private readonly roles = new Map<string, Role>();
  private readonly buckets = new Map<string, SimulatedBucket>();
  private readonly findings = new Map<string, Finding>();

  constructor(
    private readonly emit: (event: AnalyzerEvent) => void,
    private readonly onChange: () => void = () => {},
    private readonly now: () => Date = () => new Date(),
  ) {
    this.createRole('/service-role/', this.appRoleName, {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' },
      ],
    });
  }

  /** Raises a finding from a scenario (a fresh resource if the scenario's is already exposed). */
  raise(scenarioId: string): Finding {
    const scenario = SCENARIOS.find((s) => s.id === scenarioId);
    if (!scenario) throw new Error(`unknown scenario ${scenarioId}`);
    return this.expose(scenario, this.freshName(scenario));
  }

  /** Raises `count` external-access findings at once, as a new analyzer does. */
  burst(count: number): Finding[] {
    const vendor = SCENARIOS[0] as Scenario;
    const base = this.roles.size;
    return Array.from({ length: count }, (_, i) =>
      this.expose(vendor, `BurstRole${String(base + i + 1).padStart(4, '0')}`),
    );
  }

  private freshName(scenario: Scenario): string {
    const name = scenario.resource.name;
    const taken = (n: string) =>
      scenario.resource.kind === 'bucket' ? this.buckets.has(n) : this.roles.has(n);
    if (!taken(name)) return name;
    let i = 2;
    while (taken(`${name}${scenario.resource.kind === 'bucket' ? '-' : ''}${i}`)) i++;
    return `${name}${scenario.resource.kind === 'bucket' ? '-' : ''}${i}`;
  }

  private expose(scenario: Scenario, name: string): Finding {
    const r = scenario.resource;
    const at = this.now().toISOString();
    let finding: Finding;
    if (r.kind === 'bucket') {
      const arn = `arn:aws:s3:::${name}`;
      const policy = JSON.parse(JSON.stringify(r.policy).replaceAll(r.name, name));
      this.buckets.set(name, { name, arn, policy });
      finding = this.external(
        arn,
        'AWS::S3::Bucket',
        { AWS: '777766665555' },
        ['s3:GetObject', 's3:ListBucket'],
        {},
        false,
        at,
      );
    } else if (r.kind === 'unused-role') {
      const role = this.createRole(r.path, name, {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { Service: 'batch.amazonaws.com' }, Action: 'sts:AssumeRole' },
        ],
      });
      finding = {
        kind: 'unused',
        id: randomUUID(),
        analyzerArn: this.unusedAnalyzer,
        status: 'ACTIVE',
        resourceType: 'AWS::IAM::Role',
        resource: role.arn,
        ownerAccount: ACCOUNT,
        region: REGION,
        isDeleted: false,
        createdAt: at,
        updatedAt: at,
        findingType: 'UnusedIAMRole',
      };
    } else {
      const role = this.createRole(r.path, name, r.trust, r.serviceLinked);
      const statement = (
        r.trust.Statement as Array<{ Principal: Record<string, string>; Condition?: unknown }>
      )[0];
      const principal = Object.fromEntries(
        Object.entries(statement?.Principal ?? {}).map(([k, v]) => [
          k,
          v.replace(/^arn:aws:iam::(\d{12}):root$/, '$1'),
        ]),
      );
      const condition = Object.fromEntries(
        Object.values((statement?.Condition ?? {}) as Record<string, Record<string, string>>).flatMap((c) =>
          Object.entries(c),
        ),
      );
      const isPublic = Object.values(principal).includes('*');
      finding = this.external(
        role.arn,
        'AWS::IAM::Role',
        principal,
        ['sts:AssumeRole'],
        condition,
        isPublic,
        at,
      );
    }
    this.findings.set(finding.id, finding);
    this.onChange();
    this.emit(toEvent(finding, at));
    return finding;
  }

  private external(
    resource: string,
    resourceType: string,
    principal: Record<string, string>,
    actions: string[],
    condition: Record<string, string>,
    isPublic: boolean,
    at: string,
  ): Finding {
    return {
      kind: 'external',
      id: randomUUID(),
      analyzerArn: this.externalAnalyzer,
      status: 'ACTIVE',
      resourceType,
      resource,
      ownerAccount: ACCOUNT,
      region: REGION,
      principal,
      actions,
      condition,
      isPublic,
      isDeleted: false,
      createdAt: at,
      updatedAt: at,
    };
  }

  private createRole(path: string, name: string, trust: unknown, serviceLinked = false): Role {
    const role: Role = {
      name,
      path,
      arn: `arn:aws:iam::${ACCOUNT}:role${path}${name}`,
      trustPolicy: trust,
      inlinePolicies: {},
      inline: new Map(),
      attachedPolicies: [],
      tags: {},
      serviceLinked,
    };
    this.roles.set(name, role);
    return role;
  }

  private role(name: string): Role {
    const role = this.roles.get(name);
    if (!role) throw new AppError('role_not_found', msg('error.roleNotFound', { role: name }));
    return role;
  }

  private writable(name: string): Role {
    const role = this.role(name);
    if (role.serviceLinked) throw new AppError('role_protected', msg('error.roleServiceLinked'));
    return role;
  }

  /** The Access Analyzer port. */
  readonly findingsPort: Findings = {
    get: async (analyzerArn, id) => {
      const f = this.findings.get(id);
      return f && f.analyzerArn === analyzerArn && !f.isDeleted ? structuredClone(f) : undefined;
    },
    archive: async (analyzerArn, id) => {
      const f = this.findings.get(id);
      if (!f || f.analyzerArn !== analyzerArn) {
        throw new AppError(
          'aws_failed',
          msg('error.awsFailed', {
            operation: 'access-analyzer:UpdateFindings',
            detail: 'ResourceNotFoundException',
          }),
        );
      }
      if (f.status === 'ARCHIVED') return;
      f.status = 'ARCHIVED';
      f.updatedAt = this.now().toISOString();
      this.onChange();
      // Access Analyzer reports every status change, our own archive included.
      this.emit(toEvent(f, f.updatedAt));
    },
    list: async (analyzerArn, filters, page) => {
      const matching = [...this.findings.values()]
        .filter((f) => f.analyzerArn === analyzerArn && !f.isDeleted && matches(f, filters))
        .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
      const start = Number(page.token ?? 0);
      const slice = matching.slice(start, start + page.limit);
      const end = start + slice.length;
      return {
        findings: slice.map(findingSummary),
        ...(end < matching.length ? { nextToken: String(end) } : {}),
      };
    },
    // Unused-access analyzers are not external-access ones: the list command does not read them.
    analyzers: async () => [this.externalAnalyzer],
  };

  /** The IAM port, with IAM's rules: names not ARNs, the inline quota, immutable service-linked roles. */
  readonly iamPort: Iam = {
    getRole: async (name): Promise<RoleInfo | undefined> => {
      const role = this.roles.get(name);
      return role ? { arn: role.arn, tags: { ...role.tags } } : undefined;
    },
    getRolePolicy: async (roleName, policyName) => {
      const document = this.roles.get(roleName)?.inline.get(policyName);
      return document === undefined ? undefined : JSON.parse(document);
    },
    putRolePolicy: async (roleName, policyName, document) => {
      const role = this.writable(roleName);
      const text = JSON.stringify(document);
      const others = [...role.inline].filter(([n]) => n !== policyName).map(([, d]) => d);
      const size = [...others, text].join('').replace(/\s/g, '').length;
      if (size > INLINE_POLICY_QUOTA) {
        throw new AppError(
          'iam_limit_exceeded',
          msg('error.awsFailed', {
            operation: 'iam:PutRolePolicy',
            detail: `Maximum policy size of ${INLINE_POLICY_QUOTA} bytes exceeded for role ${roleName}`,
          }),
        );
      }
      role.inline.set(policyName, text);
      role.inlinePolicies[policyName] = structuredClone(document);
      this.onChange();
    },
    attachRolePolicy: async (roleName, policyArn) => {
      const role = this.writable(roleName);
      if (!role.attachedPolicies.includes(policyArn)) role.attachedPolicies.push(policyArn);
      this.onChange();
    },
    tagRole: async (roleName, tags) => {
      const role = this.role(roleName);
      Object.assign(role.tags, tags);
      this.onChange();
    },
  };

  /** The identity port: the app runs as its own role in this account. */
  readonly identityPort: Identity = {
    whoAmI: async (): Promise<SelfIdentity> => ({ account: ACCOUNT, roleName: this.appRoleName }),
  };

  /** What the page's account panel shows, newest first. */
  snapshot(): { roles: SimulatedRole[]; buckets: SimulatedBucket[]; findings: SimulatedFinding[] } {
    return {
      roles: [...this.roles.values()].reverse().map(({ inline: _inline, ...role }) => structuredClone(role)),
      buckets: [...this.buckets.values()].reverse().map((b) => structuredClone(b)),
      findings: [...this.findings.values()].reverse().map((f) => ({
        id: f.id,
        analyzerArn: f.analyzerArn,
        kind: f.kind,
        status: f.status,
        resourceType: f.resourceType,
        resource: f.resource ?? '',
        ...(f.principal ? { principal: f.principal } : {}),
        ...(f.isPublic !== undefined ? { isPublic: f.isPublic } : {}),
        ...(f.findingType ? { findingType: f.findingType } : {}),
        createdAt: f.createdAt ?? '',
        updatedAt: f.updatedAt ?? '',
      })),
    };
  }
}

/** Access Analyzer's filter semantics for the keys the app uses: `eq` on type, account, status; `contains` on principal and resource. */
function matches(f: Finding, filters: FindingFilters): boolean {
  if (f.status !== filters.status) return false;
  if (filters.resourceType && f.resourceType !== filters.resourceType) return false;
  if (filters.account && f.ownerAccount !== filters.account) return false;
  if (filters.resource && !(f.resource ?? '').includes(filters.resource)) return false;
  const principal = filters.principal;
  if (principal && !Object.values(f.principal ?? {}).some((p) => p.includes(principal))) return false;
  return true;
}

/** The EventBridge event Access Analyzer sends for a finding (see the reference notes, §1.3–1.4). */
function toEvent(f: Finding, time: string): AnalyzerEvent {
  const envelope = {
    version: '0',
    id: randomUUID(),
    source: 'aws.access-analyzer',
    account: ACCOUNT,
    time,
    region: REGION,
    resources: [f.analyzerArn],
  };
  const common = {
    status: f.status,
    resourceType: f.resourceType,
    resource: f.resource,
    accountId: f.ownerAccount,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    analyzedAt: f.updatedAt,
    isDeleted: f.isDeleted,
  };
  if (f.kind === 'unused') {
    return {
      ...envelope,
      'detail-type': UNUSED_DETAIL_TYPE,
      detail: {
        ...common,
        findingId: f.id,
        previousStatus: '',
        version: randomUUID(),
        findingType: f.findingType,
      },
    };
  }
  return {
    ...envelope,
    'detail-type': EXTERNAL_DETAIL_TYPE,
    detail: {
      ...common,
      version: '1.0',
      id: f.id,
      region: f.region,
      principal: f.principal,
      action: f.actions,
      condition: f.condition,
      isPublic: f.isPublic,
    },
  };
}
