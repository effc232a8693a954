/**
 * Slack accepts about one message a second per channel, with a short burst. Waiting here keeps this
 * process inside that; a 429 that still comes (another process posting) is retried by the client.
 */
export class ChannelPacer {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    // Wall time, not the app's clock: pacing is about real seconds even when a test pins the clock.
    private readonly now: () => number = Date.now,
    private readonly perSecond = 1,
    private readonly burst = 3,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when the channel may take one more message. */
  async take(channel: string): Promise<void> {
    for (;;) {
      const now = this.now();
      const bucket = this.buckets.get(channel) ?? { tokens: this.burst, at: now };
      bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
      bucket.at = now;
      this.buckets.set(channel, bucket);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000));
    }
  }
}
