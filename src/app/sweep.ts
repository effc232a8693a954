import type { FindingEvent } from '../domain/finding-event.js';
import { type FindingGroup, memberKey } from '../domain/lifecycle.js';
import type { Findings, Log, StateStore } from '../ports.js';
import type { AnnounceResult } from './announce.js';
import type { FindingGroups } from './finding-groups.js';

export interface SweepDeps {
  findings: Findings;
  groups: FindingGroups;
  store: StateStore;
  announce: (events: FindingEvent[]) => Promise<Array<AnnounceResult | Error>>;
  /** `ANALYZER_ARN`, or every active external-access analyzer. */
  analyzerArn?: string;
  log: Log;
}

/** What one sweep did. */
export interface SweepReport {
  active: number;
  announced: number;
  changed: number;
  failed: number;
}

/** Announcements are handed over in batches, as the queue would deliver them. */
const BATCH = 100;

/**
 * The scheduled sweep. Access Analyzer's events are best effort: it lists the ACTIVE findings and
 * announces any that never arrived, then re-reads every finding the channel still shows as ACTIVE
 * that is no longer in that list, so messages of archived, resolved or deleted findings are marked.
 */
export function makeSweep(deps: SweepDeps): () => Promise<SweepReport> {
  const { findings, groups, store, announce, log } = deps;

  return async () => {
    const report: SweepReport = { active: 0, announced: 0, changed: 0, failed: 0 };
    const analyzers = deps.analyzerArn ? [deps.analyzerArn] : await findings.analyzers();
    const active = new Set<string>();
    let batch: FindingEvent[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      for (const r of await announce(batch)) {
        if (r instanceof Error) report.failed++;
        else if (r === 'posted' || r === 'digested') report.announced++;
        else if (r === 'updated') report.changed++;
      }
      batch = [];
    };

    for (const analyzerArn of analyzers) {
      let token: string | undefined;
      do {
        const page = await findings.list(analyzerArn, { status: 'ACTIVE' }, { token, limit: 100 });
        for (const summary of page.findings) {
          active.add(memberKey(summary));
          report.active++;
          const kind = summary.findingType?.startsWith('Unused') ? 'unused' : 'external';
          const group = (await groups.get({ ...summary, kind }))?.value;
          if (group?.members[memberKey(summary)]) continue;
          // Never announced: its event was lost. The list has no principals; read the whole finding.
          const finding = await findings.get(analyzerArn, summary.id);
          if (!finding) continue;
          batch.push({ eventId: `sweep:${memberKey(finding)}`, finding });
          if (batch.length >= BATCH) await flush();
        }
        token = page.nextToken;
      } while (token);
    }
    await flush();

    // What the channel shows as open but Access Analyzer no longer lists as ACTIVE.
    for await (const { value: group } of store.scan<FindingGroup>('group#')) {
      for (const [key, member] of Object.entries(group.members)) {
        const f = member.finding;
        if (f.status !== 'ACTIVE' || f.isDeleted || active.has(key) || !analyzers.includes(f.analyzerArn))
          continue;
        const now = await findings.get(f.analyzerArn, f.id);
        batch.push({ eventId: `sweep:${key}`, finding: now ?? { ...f, isDeleted: true } });
        if (batch.length >= BATCH) await flush();
      }
    }
    await flush();
    log.info('sweep done', { ...report });
    return report;
  };
}
