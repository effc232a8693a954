import type { WebClient } from '@slack/web-api';
import { DEFAULT_TOKEN_TTL_SECONDS, signActionToken } from '../../domain/action-token.js';
import type { Answer, DigestCard } from '../../domain/answer.js';
import type { FindingCard } from '../../domain/card.js';
import { AppError } from '../../domain/errors.js';
import type { FindingFilters } from '../../domain/finding-query.js';
import { type Msg, msg, type Translate } from '../../domain/messages/index.js';
import { signPageToken } from '../../domain/page-token.js';
import type { SigningKeys } from '../../domain/sealed.js';
import type { Chat, Clock, MessageRef } from '../../ports.js';
import { renderAnswer } from './answer-blocks.js';
import { renderDigest } from './digest-blocks.js';
import { clip, type RenderedMessage, renderCard } from './finding-blocks.js';
import { ChannelPacer } from './pacer.js';

const MESSAGE_TEXT_LIMIT = 40_000;

/** The Chat port over Slack's Web API and response_urls: renders cards and answers as Block Kit with signed buttons. */
export class SlackChat implements Chat {
  constructor(
    private readonly client: WebClient,
    private readonly t: Translate,
    private readonly keys: SigningKeys,
    private readonly clock: Clock,
    private readonly tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS,
  ) {
    this.pacer = new ChannelPacer();
  }

  private readonly pacer: ChannelPacer;

  async postCard(channel: string, card: FindingCard): Promise<MessageRef> {
    return this.post(channel, this.render(channel, card));
  }

  async postDigest(channel: string, digest: DigestCard): Promise<MessageRef> {
    return this.post(channel, this.renderDigest(channel, digest));
  }

  async updateDigest(ref: MessageRef, digest: DigestCard): Promise<void> {
    const rendered = this.renderDigest(ref.channel, digest);
    await this.call('chat.update', () =>
      this.client.chat.update({ channel: ref.channel, ts: ref.ts, ...rendered }),
    );
  }

  private renderDigest(channel: string, digest: DigestCard): RenderedMessage {
    const token = signPageToken(
      { filters: { status: 'ACTIVE' }, cursor: { analyzer: 0 }, page: 1, channel, expiresAt: this.expiry() },
      this.keys,
    );
    return renderDigest(digest, this.t, token);
  }

  private async post(channel: string, rendered: RenderedMessage): Promise<MessageRef> {
    await this.pacer.take(channel);
    const result = await this.call('chat.postMessage', () =>
      this.client.chat.postMessage({ channel, ...rendered, unfurl_links: false, unfurl_media: false }),
    );
    if (!result.ts) throw slackError('chat.postMessage', new Error('no ts in the answer'));
    return { channel: result.channel ?? channel, ts: result.ts };
  }

  async updateCard(ref: MessageRef, card: FindingCard): Promise<void> {
    const rendered = this.render(ref.channel, card);
    await this.call('chat.update', () =>
      this.client.chat.update({ channel: ref.channel, ts: ref.ts, ...rendered }),
    );
  }

  async reply(thread: MessageRef, lines: Msg[]): Promise<void> {
    const text = clip(lines.map(this.t).join('\n'), MESSAGE_TEXT_LIMIT);
    await this.pacer.take(thread.channel);
    await this.call('chat.postMessage', () =>
      this.client.chat.postMessage({
        channel: thread.channel,
        thread_ts: thread.ts,
        text,
        unfurl_links: false,
      }),
    );
  }

  async respond(
    target: { responseUrl: string; channel: string },
    answer: Answer,
    replaceOriginal: boolean,
  ): Promise<void> {
    const rendered = renderAnswer(answer, this.t, {
      action: (card, action) => this.sign(target.channel, card, action),
      nextPage: (cursor, page) =>
        signPageToken(
          { filters: pageFilters(answer), cursor, page, channel: target.channel, expiresAt: this.expiry() },
          this.keys,
        ),
    });
    // response_url needs no token; Slack answers it with 200 and "ok", or an error status.
    const response = await this.call('response_url', () =>
      fetch(target.responseUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ response_type: 'ephemeral', replace_original: replaceOriginal, ...rendered }),
        signal: AbortSignal.timeout(10_000),
      }),
    );
    if (!response.ok) throw slackError('response_url', new Error(`HTTP ${response.status}`));
  }

  private render(channel: string, card: FindingCard): RenderedMessage {
    return renderCard(card, this.t, (action) => this.sign(channel, card, action));
  }

  private expiry(): number {
    return Math.floor(this.clock.now().getTime() / 1000) + this.tokenTtlSeconds;
  }

  private sign(channel: string, card: FindingCard, action: string): string {
    const { finding } = card;
    return signActionToken(
      {
        action,
        analyzerArn: finding.analyzerArn,
        findingId: finding.id,
        resource: finding.resource ?? '',
        channel,
        expiresAt: this.expiry(),
      },
      this.keys,
    );
  }

  private async call<T>(method: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw slackError(method, error);
    }
  }
}

function pageFilters(answer: Answer): FindingFilters {
  return answer.kind === 'list' || answer.kind === 'stats' ? answer.filters : { status: 'ACTIVE' };
}

function slackError(method: string, cause: unknown): AppError {
  const detail = (cause as { data?: { error?: string } }).data?.error ?? String(cause);
  return new AppError('slack_failed', msg('error.slackFailed', { method, detail }), { cause });
}
