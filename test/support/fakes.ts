import type { Answer, DigestCard, FindingSummary } from '../../src/domain/answer.js';
import type { FindingCard } from '../../src/domain/card.js';
import { AppError } from '../../src/domain/errors.js';
import type { Finding } from '../../src/domain/finding.js';
import type { FindingFilters } from '../../src/domain/finding-query.js';
import type { SelfIdentity } from '../../src/domain/guardrails.js';
import { type Msg, msg, translator } from '../../src/domain/messages/index.js';
import type {
  Audit,
  AuditEvent,
  Chat,
  Clock,
  Directory,
  Findings,
  Iam,
  Identity,
  Jobs,
  Log,
  MessageRef,
  RoleInfo,
} from '../../src/ports.js';

const t = translator('en');

/** A chat that keeps every card and reply, rendered in English for assertions. */
export class FakeChat implements Chat {
  posted: Array<{ channel: string; card: FindingCard; ts: string }> = [];
  updates: Array<{ ref: MessageRef; card: FindingCard }> = [];
  replies: Array<{ ref: MessageRef; text: string }> = [];
  responses: Array<{
    target: { responseUrl: string; channel: string };
    answer: Answer;
    replaceOriginal: boolean;
  }> = [];
  digests: Array<{ ref: MessageRef; digest: DigestCard }> = [];
  failUpdates = false;
  private n = 0;

  async postCard(channel: string, card: FindingCard): Promise<MessageRef> {
    const ts = `1700000000.${String(++this.n).padStart(6, '0')}`;
    this.posted.push({ channel, card, ts });
    return { channel, ts };
  }
  async updateCard(ref: MessageRef, card: FindingCard): Promise<void> {
    if (this.failUpdates) throw new Error('chat.update failed');
    this.updates.push({ ref, card });
  }
  async reply(ref: MessageRef, lines: Msg[]): Promise<void> {
    this.replies.push({ ref, text: lines.map(t).join('\n') });
  }
  async postDigest(channel: string, digest: DigestCard): Promise<MessageRef> {
    const ts = `1700000000.${String(++this.n).padStart(6, '0')}`;
    this.digests.push({ ref: { channel, ts }, digest });
    return { channel, ts };
  }
  async updateDigest(ref: MessageRef, digest: DigestCard): Promise<void> {
    this.digests.push({ ref, digest });
  }
  async respond(
    target: { responseUrl: string; channel: string },
    answer: Answer,
    replaceOriginal: boolean,
  ): Promise<void> {
    this.responses.push({ target, answer, replaceOriginal });
  }
  /** The text of the last text answer, in English. */
  lastText(): string {
    const last = this.responses.at(-1)?.answer;
    return last?.kind === 'text' ? last.lines.map(t).join('\n') : '';
  }
  lastCard(): FindingCard | undefined {
    return this.updates.at(-1)?.card;
  }
}

/** Access Analyzer in memory: findings by analyzer and id, with a call log. */
export class FakeFindings implements Findings {
  calls: string[] = [];
  readonly byId = new Map<string, Finding>();
  analyzerArns: string[] = [];
  constructor(...findings: Finding[]) {
    for (const f of findings) this.byId.set(`${f.analyzerArn}|${f.id}`, f);
    this.analyzerArns = [...new Set(findings.map((f) => f.analyzerArn))];
  }
  async analyzers(): Promise<string[]> {
    this.calls.push('ListAnalyzers');
    return this.analyzerArns;
  }
  async list(analyzerArn: string, filters: FindingFilters, page: { token?: string; limit: number }) {
    this.calls.push(`ListFindings ${analyzerArn.split('/').pop()} ${page.token ?? '-'} ${page.limit}`);
    const all = [...this.byId.values()]
      .filter((f) => f.analyzerArn === analyzerArn && f.status === filters.status)
      .filter((f) => !filters.resourceType || f.resourceType === filters.resourceType)
      .filter((f) => !filters.account || f.ownerAccount === filters.account)
      .filter((f) => !filters.resource || (f.resource ?? '').includes(filters.resource))
      .filter(
        (f) =>
          !filters.principal ||
          Object.values(f.principal ?? {}).some((p) => p.includes(filters.principal ?? '')),
      )
      .sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
    const start = Number(page.token ?? 0);
    const findings: FindingSummary[] = all.slice(start, start + page.limit).map((f) => ({
      id: f.id,
      analyzerArn: f.analyzerArn,
      status: f.status,
      resourceType: f.resourceType,
      resource: f.resource,
      ownerAccount: f.ownerAccount,
      createdAt: f.createdAt,
    }));
    const next = start + findings.length;
    return { findings, ...(next < all.length ? { nextToken: String(next) } : {}) };
  }
  async get(analyzerArn: string, findingId: string): Promise<Finding | undefined> {
    this.calls.push(`GetFinding ${findingId}`);
    const f = this.byId.get(`${analyzerArn}|${findingId}`);
    return f ? structuredClone(f) : undefined;
  }
  async archive(analyzerArn: string, findingId: string): Promise<void> {
    this.calls.push(`UpdateFindings ${findingId} ARCHIVED`);
    const key = `${analyzerArn}|${findingId}`;
    const f = this.byId.get(key);
    if (!f) throw new Error('ResourceNotFoundException');
    this.byId.set(key, { ...f, status: 'ARCHIVED' });
  }
}

interface FakeRole {
  arn: string;
  tags: Record<string, string>;
  inline: Map<string, unknown>;
  attached: string[];
}

/** IAM in memory: roles by name with inline policies, attachments and tags; every call logged. */
export class FakeIam implements Iam {
  calls: string[] = [];
  roles = new Map<string, FakeRole>();
  /** Inline policy quota reached: PutRolePolicy answers LimitExceeded. */
  inlineFull = false;
  failTagging = false;

  addRole(arn: string, inline: Record<string, unknown> = {}): this {
    const name = arn.split('/').pop() ?? '';
    this.roles.set(name, { arn, tags: {}, inline: new Map(Object.entries(inline)), attached: [] });
    return this;
  }
  role(name: string): FakeRole {
    const r = this.roles.get(name);
    if (!r) throw new Error(`no role ${name}`);
    return r;
  }
  private need(name: string): FakeRole {
    const r = this.roles.get(name);
    if (!r) throw new AppError('role_not_found', msg('error.roleNotFound', { role: name }));
    return r;
  }
  async getRole(roleName: string): Promise<RoleInfo | undefined> {
    this.calls.push(`GetRole ${roleName}`);
    const r = this.roles.get(roleName);
    return r ? { arn: r.arn, tags: { ...r.tags } } : undefined;
  }
  async getRolePolicy(roleName: string, policyName: string): Promise<unknown> {
    this.calls.push(`GetRolePolicy ${roleName} ${policyName}`);
    return this.roles.get(roleName)?.inline.get(policyName);
  }
  async putRolePolicy(roleName: string, policyName: string, document: object): Promise<void> {
    this.calls.push(`PutRolePolicy ${roleName} ${policyName}`);
    const r = this.need(roleName);
    if (this.inlineFull) {
      throw new AppError(
        'iam_limit_exceeded',
        msg('error.awsFailed', { operation: 'iam:PutRolePolicy', detail: 'quota' }),
      );
    }
    r.inline.set(policyName, structuredClone(document));
  }
  async attachRolePolicy(roleName: string, policyArn: string): Promise<void> {
    this.calls.push(`AttachRolePolicy ${roleName} ${policyArn}`);
    this.need(roleName).attached.push(policyArn);
  }
  async tagRole(roleName: string, tags: Record<string, string>): Promise<void> {
    this.calls.push(`TagRole ${roleName}`);
    if (this.failTagging) {
      throw new AppError('aws_access_denied', msg('error.awsAccessDenied', { operation: 'iam:TagRole' }));
    }
    Object.assign(this.need(roleName).tags, tags);
  }
  writes(): string[] {
    return this.calls.filter((c) => !c.startsWith('Get'));
  }
}

export class FakeIdentity implements Identity {
  constructor(
    public self: SelfIdentity = { account: '444455556666', roleName: 'access-findings-responder' },
  ) {}
  async whoAmI(): Promise<SelfIdentity> {
    return this.self;
  }
}

export class FakeJobs implements Jobs {
  queued: string[] = [];
  async enqueue(sealedJob: string): Promise<void> {
    this.queued.push(sealedJob);
  }
}

export class FakeAudit implements Audit {
  events: AuditEvent[] = [];
  async record(event: AuditEvent): Promise<void> {
    this.events.push(event);
  }
}

export class FakeDirectory implements Directory {
  calls = 0;
  constructor(private readonly groups: Record<string, string[]> = {}) {}
  async groupMembers(groupId: string): Promise<readonly string[]> {
    this.calls++;
    return this.groups[groupId] ?? [];
  }
}

export class FakeClock implements Clock {
  constructor(public current = new Date('2025-03-04T11:00:00Z')) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class MemoryLog implements Log {
  entries: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
  info(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.entries.push({ level: 'error', message, fields });
  }
}
