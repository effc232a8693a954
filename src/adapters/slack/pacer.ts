import { ChannelAllowance } from '../../domain/channel-allowance.js';

/**
 * Slack accepts about one message a second per channel, with a short burst. Waiting here keeps this
 * process inside that; a 429 that still comes (another process posting) is retried by the client.
 */
export class ChannelPacer {
  private readonly allowance: ChannelAllowance;

  constructor(
    // Wall time, not the app's clock: pacing is about real seconds even when a test pins the clock.
    now: () => number = Date.now,
    perSecond = 1,
    burst = 3,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.allowance = new ChannelAllowance(now, perSecond, burst);
  }

  /** Resolves when the channel may take one more message. */
  async take(channel: string): Promise<void> {
    for (let wait = this.allowance.take(channel); wait > 0; wait = this.allowance.take(channel)) {
      await this.sleep(Math.ceil(wait * 1000));
    }
  }
}
