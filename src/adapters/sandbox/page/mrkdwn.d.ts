// Types for mrkdwn.js, so that TypeScript (the Node tests) can import the plain-JavaScript module.

/** What mrkdwnToHtml needs from its caller: names for mention tokens, and the time relative dates count from. */
export interface MrkdwnOptions {
  /** A user's display name for `<@U…>`, or undefined to show the token's label (else the id). */
  userName?: (id: string) => string | undefined;
  /** A channel's name for `<#C…>`, or undefined to show the token's label (else the id). */
  channelName?: (id: string) => string | undefined;
  /** Now, for `{ago}` and the `_pretty` date formats; defaults to the current time. */
  now?: Date | number;
}

/** Slack mrkdwn → HTML in which every piece of the input is escaped; links only for http(s) and mailto. */
export function mrkdwnToHtml(input: unknown, options?: MrkdwnOptions): string;

/** Escapes &, <, >, " and ' for use in HTML text and attribute values. */
export function escapeHtml(s: unknown): string;

/** Replaces known :shortcodes: with emoji; unknown ones stay as they are. */
export function emojify(s: string): string;
