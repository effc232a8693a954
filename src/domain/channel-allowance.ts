/**
 * Slack's per-channel posting allowance as a token bucket: about one message a second, with a short
 * burst. The sandbox's stand-in enforces it and the app's pacer keeps inside it, so both share it.
 */
export class ChannelAllowance {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly now: () => number,
    private readonly perSecond = 1,
    private readonly burst = 3,
  ) {}

  /** Takes one message from the channel's allowance: 0 when taken, else the seconds until one is due. */
  take(channel: string): number {
    const now = this.now();
    const bucket = this.buckets.get(channel) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    this.buckets.set(channel, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / this.perSecond;
  }
}
