import { msg } from '../../domain/messages/index.js';
import type { FindingAction } from './types.js';

const ID = 'finding.archive';

/** Archive: `UpdateFindings ARCHIVED` in the finding's own analyzer (its account and Region). */
export const archiveAction: FindingAction = {
  id: ID,
  name: msg('action.finding.archive.name'),
  echoes: 'ARCHIVED',

  offer(finding) {
    if (finding.status !== 'ACTIVE' || finding.isDeleted) return undefined;
    return { button: { action: ID, label: msg('action.finding.archive.label') } };
  },

  async run({ finding, actor, now, findings }) {
    await findings.archive(finding.analyzerArn, finding.id);
    return {
      result: 'succeeded',
      reason: 'archived',
      reply: [msg('reply.archived', { id: finding.id, analyzer: finding.analyzerArn, user: actor.id })],
      finding: { ...finding, status: 'ARCHIVED' },
      facts: { archivedBy: { userId: actor.id, at: now.toISOString() } },
    };
  },
};
