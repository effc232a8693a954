import { ChannelAllowance } from '../../domain/channel-allowance.js';

/** Slack's per-channel posting limit: about one message per second, with a small burst allowance. */
export class ChannelRateLimit {
  private readonly allowance: ChannelAllowance;

  constructor(perSecond = 1, burst = 3, now: () => number = Date.now) {
    this.allowance = new ChannelAllowance(now, perSecond, burst);
  }

  /** Takes one message from the channel's allowance; answers the seconds to wait when there is none. */
  take(channel: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const wait = this.allowance.take(channel);
    // Slack's Retry-After is whole seconds, at least one.
    return wait === 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
  }
}
