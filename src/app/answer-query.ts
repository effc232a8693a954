import type { Answer, FindingSummary } from '../domain/answer.js';
import type { FindingCard } from '../domain/card.js';
import { AppError, userMessageOf } from '../domain/errors.js';
import type { Finding } from '../domain/finding.js';
import { type FindingFilters, type ListCursor, PAGE_SIZE } from '../domain/finding-query.js';
import type { QueryJob } from '../domain/job.js';
import { msg } from '../domain/messages/index.js';
import type { Chat, Findings, Iam, Log } from '../ports.js';
import { type CardBuilder, loadFacts } from './card.js';

export interface AnswerQueryDeps {
  findings: Findings;
  /** Read for role findings, so a listed role that is already isolated does not offer Isolate again. */
  iam: Iam;
  chat: Chat;
  buildCard: CardBuilder;
  /** `ANALYZER_ARN`; unset means every active external-access analyzer of the account and Region. */
  analyzerArn?: string;
  log: Log;
}

/** Upper bound on what `stats` reads, so one question cannot run for ever. */
const STATS_MAX_FINDINGS = 10_000;
/** Calls one page may make when an analyzer answers short pages. */
const MAX_CALLS_PER_PAGE = 20;

/** The job path of `/access-findings`: asks Access Analyzer, answers the person through `response_url`. */
export function makeAnswerQuery(deps: AnswerQueryDeps): (job: QueryJob) => Promise<void> {
  const { findings, iam, chat, buildCard, log } = deps;
  const card = async (finding: Finding): Promise<FindingCard> =>
    buildCard(finding, await loadFacts(finding, iam, log));

  async function analyzers(): Promise<string[]> {
    const arns = deps.analyzerArn ? [deps.analyzerArn] : await findings.analyzers();
    if (arns.length === 0) throw new AppError('no_analyzer', msg('error.noAnalyzer'));
    return arns;
  }

  async function list(filters: FindingFilters, cursor: ListCursor, page: number): Promise<Answer> {
    const arns = await analyzers();
    const found: FindingSummary[] = [];
    let { analyzer, token } = cursor;
    for (
      let calls = 0;
      found.length < PAGE_SIZE && analyzer < arns.length && calls < MAX_CALLS_PER_PAGE;
      calls++
    ) {
      const result = await findings.list(arns[analyzer] as string, filters, {
        token,
        limit: PAGE_SIZE - found.length,
      });
      found.push(...result.findings);
      if (result.nextToken) token = result.nextToken;
      else {
        analyzer++;
        token = undefined;
      }
    }
    const next = analyzer < arns.length ? { analyzer, ...(token ? { token } : {}) } : undefined;
    // The list call has no principals; each entry needs its details, as the notification shows them.
    const details = await Promise.all(found.map((f) => findings.get(f.analyzerArn, f.id)));
    const items = await Promise.all(details.flatMap((f) => (f ? [card(f)] : [])));
    return {
      kind: 'list',
      filters,
      page,
      from: (page - 1) * PAGE_SIZE + 1,
      items,
      ...(next ? { next } : {}),
    };
  }

  async function show(findingId: string): Promise<Answer> {
    for (const arn of await analyzers()) {
      const finding = await findings.get(arn, findingId);
      if (finding) return { kind: 'show', card: await card(finding) };
    }
    return { kind: 'text', lines: [msg('show.notFound', { id: findingId })] };
  }

  async function stats(filters: FindingFilters): Promise<Answer> {
    const all: FindingSummary[] = [];
    for (const arn of await analyzers()) {
      let token: string | undefined;
      do {
        const result = await findings.list(arn, filters, { token, limit: 100 });
        all.push(...result.findings);
        token = result.nextToken;
      } while (token && all.length < STATS_MAX_FINDINGS);
    }
    const count = (key: (f: FindingSummary) => string) =>
      [...all.reduce((m, f) => m.set(key(f), (m.get(key(f)) ?? 0) + 1), new Map<string, number>())].sort(
        (a, b) => b[1] - a[1],
      );
    const oldest = all
      .filter((f) => f.createdAt)
      .sort((a, b) => Date.parse(a.createdAt ?? '') - Date.parse(b.createdAt ?? ''))[0];
    return {
      kind: 'stats',
      filters,
      total: all.length,
      byType: count((f) => f.resourceType),
      byAccount: count((f) => f.ownerAccount),
      ...(oldest ? { oldest } : {}),
    };
  }

  return async (job) => {
    const target = { responseUrl: job.responseUrl, channel: job.channel };
    let answer: Answer;
    try {
      const q = job.query;
      answer =
        q.kind === 'show'
          ? await show(q.findingId)
          : q.kind === 'stats'
            ? await stats(q.filters)
            : await list(q.filters, q.cursor ?? { analyzer: 0 }, q.page ?? 1);
    } catch (error) {
      log.error('query failed', { query: job.query.kind, user: job.actor.id, error });
      answer = { kind: 'text', lines: [userMessageOf(error)] };
    }
    await chat.respond(target, answer, job.replaceOriginal);
  };
}
