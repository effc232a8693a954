import { type Catalog, en } from './en.js';
import { ja } from './ja.js';

export type Locale = 'en' | 'ja';
export const LOCALES: readonly Locale[] = ['en', 'ja'];

export type MessageKey = keyof Catalog;
type Params<K extends MessageKey> =
  Parameters<Catalog[K]> extends [] ? Record<string, never> : Parameters<Catalog[K]>[0];
/** A text parameter may itself be a message, rendered in the same locale. */
type Lift<T> = { [P in keyof T]: T[P] extends string ? string | Msg : T[P] };
/** A message to render later in the reader's locale: a catalog key and its parameters. */
export type Msg = { [K in MessageKey]: { key: K; params: Lift<Params<K>> } }[MessageKey];

const catalogs: Record<Locale, Catalog> = { en, ja };

/** Renders a message in a locale. */
export type Translate = (message: Msg) => string;

function isMsg(value: unknown): value is Msg {
  return typeof value === 'object' && value !== null && 'key' in value && 'params' in value;
}

/** Returns the renderer for a locale. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const translate: Translate = (message) => {
    const params = Object.fromEntries(
      Object.entries(message.params as Record<string, unknown>).map(([k, v]) => [
        k,
        isMsg(v) ? translate(v) : v,
      ]),
    );
    return (catalog[message.key] as (p: unknown) => string)(params);
  };
  return translate;
}

/** Builds a message descriptor with its parameters type-checked against the catalog. */
export function msg<K extends MessageKey>(
  key: K,
  ...params: Parameters<Catalog[K]> extends [] ? [] : [Lift<Params<K>>]
): Msg {
  return { key, params: params[0] ?? {} } as Msg;
}

/** A time Slack renders in each reader's own timezone, with the ISO text as fallback. */
export function slackTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${iso}>`;
}
