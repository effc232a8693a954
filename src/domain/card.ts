import type { Finding } from './finding.js';
import type { Msg } from './messages/index.js';

/** A button on a finding message; its value (a signed token) is added when it is rendered for a channel. */
export interface CardButton {
  action: string;
  label: Msg;
  style?: 'danger' | 'primary';
  /** Destructive actions ask first. */
  confirm?: { title: Msg; text: Msg; yes: Msg; no: Msg };
}

/** Everything a finding message shows, independent of how a chat renders it. */
export interface FindingCard {
  finding: Finding;
  /** Status lines, newest state first. */
  status: Msg[];
  buttons: CardButton[];
  /** Why an expected button is missing, and similar remarks. */
  notes: Msg[];
}
