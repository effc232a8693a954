// Slack mrkdwn → safe HTML, with emoji and date tokens; pure, so the page and the Node tests share it.

const EMOJI = {
  red_circle: '🔴',
  large_yellow_circle: '🟡',
  yellow_circle: '🟡',
  large_green_circle: '🟢',
  white_circle: '⚪',
  lock: '🔒',
  unlock: '🔓',
  hourglass_flowing_sand: '⏳',
  hourglass: '⌛',
  file_cabinet: '🗄️',
  no_entry: '⛔',
  no_entry_sign: '🚫',
  x: '❌',
  warning: '⚠️',
  wastebasket: '🗑️',
  rotating_light: '🚨',
  white_check_mark: '✅',
  heavy_check_mark: '✔️',
  mag: '🔍',
  information_source: 'ℹ️',
  eyes: '👀',
  tada: '🎉',
  '+1': '👍',
  thumbsup: '👍',
};

// A copy of dom.js's str(), so that this module imports nothing and loads outside a browser.
function str(v) {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function escapeHtml(s) {
  return str(s)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Slack escapes &, < and > in text as entities; turn them back into characters. */
function decodeEntities(s) {
  return str(s).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Replaces known :shortcodes: with emoji; unknown ones stay as they are. Works on text or escaped HTML. */
export function emojify(s) {
  const re = /:([a-z0-9_+-]+):/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const ch = Object.hasOwn(EMOJI, m[1]) ? EMOJI[m[1]] : undefined;
    if (ch) {
      out += s.slice(last, m.index) + ch;
      last = re.lastIndex;
    } else {
      re.lastIndex = m.index + 1; // the closing colon may open the next shortcode
    }
  }
  return out + s.slice(last);
}

// Private-use characters mark where held HTML goes back in; stripped from the input first.
const HOLD_OPEN = '\uE000';
const HOLD_CLOSE = '\uE001';

/**
 * Slack mrkdwn → HTML. Every piece of input text is escaped; only this function adds markup.
 * userName(id) and channelName(id) name mentions, or return undefined to show the token's label (else
 * its id); now (a Date or epoch milliseconds, default the current time) is what relative dates count from.
 */
export function mrkdwnToHtml(input, { userName, channelName, now = Date.now() } = {}) {
  const names = { userName, channelName, now: new Date(now) };
  const slots = [];
  const hold = (html) => `${HOLD_OPEN}${slots.push(html) - 1}${HOLD_CLOSE}`;
  let src = str(input).replace(/[\uE000\uE001]/g, '');

  // Code first, so nothing inside it is formatted.
  src = src.replace(/```\n?([\s\S]*?)```/g, (_, body) =>
    hold(`<pre class="mk-pre">${escapeHtml(decodeEntities(body))}</pre>`),
  );
  src = src.replace(/`([^`\n]+)`/g, (_, body) =>
    hold(`<code class="mk-code">${escapeHtml(decodeEntities(body))}</code>`),
  );
  // Slack's <...> tokens: mentions, channels, dates, links. Anything else stays literal text.
  src = src.replace(/<([^<>\n]+)>/g, (whole, inner) => {
    const html = renderToken(inner, names);
    return html === null ? whole : hold(html);
  });

  let html = escapeHtml(decodeEntities(src));
  html = emojify(html);
  html = html
    .replace(/(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])/g, '<b>$1</b>')
    .replace(/(?<![\w_])_(?!\s)([^_\n]+?)(?<!\s)_(?![\w_])/g, '<i>$1</i>')
    .replace(/(?<![\w~])~(?!\s)([^~\n]+?)(?<!\s)~(?![\w~])/g, '<s>$1</s>')
    .replace(/\n/g, '<br>');
  return html.replace(/\uE000(\d+)\uE001/g, (_, i) => slots[Number(i)] ?? '');
}

function renderToken(inner, { userName, channelName, now }) {
  const bar = inner.indexOf('|');
  const head = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : decodeEntities(inner.slice(bar + 1));
  if (head.startsWith('@')) {
    const id = head.slice(1);
    return `<span class="mention">@${escapeHtml(userName?.(id) ?? (label || id))}</span>`;
  }
  if (head.startsWith('#')) {
    const id = head.slice(1);
    const name = label || (channelName?.(id) ?? id);
    return `<span class="mention channel-mention">#${escapeHtml(name)}</span>`;
  }
  if (head.startsWith('!date^')) return renderDate(head, label, now);
  if (head.startsWith('!subteam^')) {
    const name = label || `@${head.slice('!subteam^'.length)}`;
    return `<span class="mention">${escapeHtml(name.startsWith('@') ? name : `@${name}`)}</span>`;
  }
  if (/^!(here|channel|everyone)$/.test(head))
    return `<span class="mention broadcast">@${escapeHtml(head.slice(1))}</span>`;
  if (head.startsWith('!')) return escapeHtml(label || head);
  const url = decodeEntities(head);
  if (/^(https?:\/\/|mailto:)/i.test(url)) return link(url, label || url);
  return null;
}

function link(url, label) {
  return `<a href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${escapeHtml(label)}</a>`;
}

/** `<!date^epoch^format^optional_link|fallback>` in the runtime's locale and time zone. */
function renderDate(head, fallback, now) {
  const [, epochText, format = '', url] = head.split('^');
  const epoch = Number(epochText);
  if (!Number.isFinite(epoch)) return escapeHtml(fallback || head);
  const d = new Date(epoch * 1000);
  const text = format.replace(/\{(\w+)\}/g, (whole, token) => formatDateToken(d, token, now) ?? whole);
  const inner = `<span class="mk-date" title="${escapeHtml(d.toISOString())}">${escapeHtml(text)}</span>`;
  const target = decodeEntities(url ?? '');
  return /^https?:\/\//i.test(target) ? link(target, text) : inner;
}

function formatDateToken(d, token, now) {
  const dateOpts = {
    date: { year: 'numeric', month: 'long', day: 'numeric' },
    date_short: { year: 'numeric', month: 'short', day: 'numeric' },
    date_long: { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' },
  };
  const base = token.replace(/_pretty$/, '');
  if (token === 'date_num') {
    const p = (n) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
  }
  if (token === 'time') return d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (token === 'time_secs') return d.toLocaleTimeString();
  if (token === 'ago') return relative(d, now);
  if (!dateOpts[base]) return undefined;
  if (token.endsWith('_pretty')) {
    const days = Math.round((startOfDay(d) - startOfDay(now)) / 86400000);
    if (Math.abs(days) <= 1)
      return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(days, 'day');
  }
  return d.toLocaleDateString(undefined, dateOpts[base]);
}

function startOfDay(d) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

function relative(d, now) {
  const secs = Math.round((d.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
  const units = [
    ['year', 31536000],
    ['month', 2592000],
    ['day', 86400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units)
    if (Math.abs(secs) >= size) return rtf.format(Math.round(secs / size), unit);
  return rtf.format(secs, 'second');
}
