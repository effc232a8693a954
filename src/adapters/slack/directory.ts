import type { WebClient } from '@slack/web-api';
import { AppError } from '../../domain/errors.js';
import { msg } from '../../domain/messages/index.js';
import type { Clock, Directory } from '../../ports.js';

/** How long a user group's member list is trusted; a removal takes effect within this time. */
export const GROUP_CACHE_MS = 60_000;

/** User group membership from `usergroups.users.list`, cached briefly so presses stay fast. */
export class SlackDirectory implements Directory {
  private readonly cache = new Map<string, { members: readonly string[]; until: number }>();

  constructor(
    private readonly client: WebClient,
    private readonly clock: Clock,
    private readonly ttlMs = GROUP_CACHE_MS,
  ) {}

  async groupMembers(groupId: string): Promise<readonly string[]> {
    const now = this.clock.now().getTime();
    const cached = this.cache.get(groupId);
    if (cached && cached.until > now) return cached.members;
    try {
      const result = await this.client.usergroups.users.list({ usergroup: groupId });
      const members = result.users ?? [];
      this.cache.set(groupId, { members, until: now + this.ttlMs });
      return members;
    } catch (error) {
      const detail = (error as { data?: { error?: string } }).data?.error ?? String(error);
      throw new AppError(
        'slack_failed',
        msg('error.slackFailed', { method: 'usergroups.users.list', detail }),
        {
          cause: error,
        },
      );
    }
  }
}
