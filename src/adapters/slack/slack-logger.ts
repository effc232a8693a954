import { type Logger, LogLevel } from '@slack/logger';
import type { Log } from '../../ports.js';

/** The Slack SDKs' logger interface over ours; their info and debug chatter is dropped. */
export function slackLogger(log: Log): Logger {
  let level = LogLevel.WARN;
  const text = (parts: unknown[]) => parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...parts: unknown[]) => log.warn(text(parts)),
    error: (...parts: unknown[]) => log.error(text(parts)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
