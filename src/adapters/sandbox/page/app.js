// The sandbox page: renders GET /sandbox/state as a Slack-like channel plus a simulated AWS account,
// and POSTs presses, slash commands, modal submissions and controls back (see ../contract.ts).
// Plain browser JavaScript, no dependencies. Untrusted text only ever reaches the DOM through
// textContent or through mrkdwnToHtml(), which escapes everything before adding markup.

const USER_KEY = 'sandbox.currentUser';
const POLL_MS = 1000;

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

// ---------------------------------------------------------------------------------------------
// Page state

let state = null; // the last SandboxState rendered
let stateText = ''; // its raw JSON, to skip re-rendering an unchanged state
let renderedKey = '';
let currentUser = localStorage.getItem(USER_KEY) || '';
let fetchSeq = 0;
let appliedSeq = 0;
let seenTs = new Set(); // message/reply/ephemeral ts already shown, to scroll to new ones
let modalShown = null; // { key, viewId, overlay, fields, submit }
let confirmOpen = false;
let scenarioKey = '';
const commandHistory = [];
let historyIndex = -1;

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// DOM helpers

/** Creates an element. attrs: class, text, on<Event> handlers, anything else as an attribute. */
function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = String(v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An element whose content is mrkdwn, rendered to escaped HTML. */
function mk(tag, cls, text) {
  const el = h(tag, { class: cls });
  el.innerHTML = mrkdwnToHtml(text);
  return el;
}

function str(v) {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

function obj(v) {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

function arr(v) {
  return Array.isArray(v) ? v : [];
}

// ---------------------------------------------------------------------------------------------
// mrkdwn → safe HTML

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

/** Slack mrkdwn → HTML. Every piece of input text is escaped; only this function adds markup. */
export function mrkdwnToHtml(input) {
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
    const html = renderToken(inner);
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

function renderToken(inner) {
  const bar = inner.indexOf('|');
  const head = bar < 0 ? inner : inner.slice(0, bar);
  const label = bar < 0 ? '' : decodeEntities(inner.slice(bar + 1));
  if (head.startsWith('@')) {
    const id = head.slice(1);
    return `<span class="mention">@${escapeHtml(userName(id, label || id))}</span>`;
  }
  if (head.startsWith('#')) {
    const id = head.slice(1);
    const name = label || (state?.channel?.id === id ? state.channel.name : id);
    return `<span class="mention channel-mention">#${escapeHtml(name)}</span>`;
  }
  if (head.startsWith('!date^')) return renderDate(head, label);
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

/** `<!date^epoch^format^optional_link|fallback>` in the browser's locale. */
function renderDate(head, fallback) {
  const [, epochText, format = '', url] = head.split('^');
  const epoch = Number(epochText);
  if (!Number.isFinite(epoch)) return escapeHtml(fallback || head);
  const d = new Date(epoch * 1000);
  const text = format.replace(/\{(\w+)\}/g, (whole, token) => formatDateToken(d, token) ?? whole);
  const inner = `<span class="mk-date" title="${escapeHtml(d.toISOString())}">${escapeHtml(text)}</span>`;
  const target = decodeEntities(url ?? '');
  return /^https?:\/\//i.test(target) ? link(target, text) : inner;
}

function formatDateToken(d, token) {
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
  if (token === 'ago') return relative(d);
  if (!dateOpts[base]) return undefined;
  if (token.endsWith('_pretty')) {
    const today = new Date();
    const days = Math.round((startOfDay(d) - startOfDay(today)) / 86400000);
    if (Math.abs(days) <= 1)
      return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(days, 'day');
  }
  return d.toLocaleDateString(undefined, dateOpts[base]);
}

function startOfDay(d) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

function relative(d) {
  const secs = Math.round((d.getTime() - Date.now()) / 1000);
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

function userName(id, fallback) {
  const user = arr(state?.users).find((u) => u.id === id);
  if (user) return user.name;
  const msg = arr(state?.messages).find((m) => m.user === id);
  return msg?.author || fallback || id;
}

// ---------------------------------------------------------------------------------------------
// Block Kit

/** A text object: mrkdwn rendered, plain_text with emoji shortcodes. */
function textObject(t, cls) {
  const o = obj(t);
  if (o.type === 'mrkdwn') return mk('span', cls, o.text);
  return h('span', { class: cls, text: emojify(str(o.text ?? (typeof t === 'string' ? t : ''))) });
}

function unsupported(type) {
  return h('div', { class: 'blk-unsupported', text: `[unsupported block: ${str(type) || 'unknown'}]` });
}

/**
 * Renders blocks. ctx.press is { messageTs, ephemeral } for message buttons, null where buttons do
 * nothing (modals); ctx.fields collects modal inputs.
 */
function renderBlocks(blocks, ctx) {
  return arr(blocks).map((block) => {
    try {
      return renderBlock(obj(block), ctx);
    } catch (error) {
      console.error('block render failed', block, error);
      return unsupported(obj(block).type);
    }
  });
}

function renderBlock(block, ctx) {
  switch (block.type) {
    case 'header':
      return h('div', { class: 'blk-header' }, textObject(block.text));
    case 'section':
      return renderSection(block, ctx);
    case 'context':
      return h(
        'div',
        { class: 'blk-context' },
        arr(block.elements).map((e) =>
          obj(e).type === 'image'
            ? h('span', { class: 'ctx-image', text: `[${str(obj(e).alt_text) || 'image'}]` })
            : textObject(e, 'ctx-text'),
        ),
      );
    case 'divider':
      return h('hr', { class: 'blk-divider' });
    case 'actions':
      return h(
        'div',
        { class: 'blk-actions' },
        arr(block.elements).map((e) => renderElement(obj(e), block, ctx)),
      );
    case 'input':
      return renderInput(block, ctx);
    case 'image':
      return h('div', { class: 'blk-context', text: `[image: ${str(block.alt_text)}]` });
    default:
      return unsupported(block.type);
  }
}

function renderSection(block, ctx) {
  const body = h('div', { class: 'blk-section-body' });
  if (block.text) body.append(textObject(block.text, 'blk-section-text'));
  const fields = arr(block.fields);
  if (fields.length > 0) {
    body.append(
      h(
        'div',
        { class: 'blk-fields' },
        fields.map((f) => textObject(f, 'blk-field')),
      ),
    );
  }
  const accessory = block.accessory
    ? h('div', { class: 'blk-accessory' }, renderElement(obj(block.accessory), block, ctx))
    : null;
  return h('div', { class: 'blk-section' }, body, accessory);
}

function renderElement(el, block, ctx) {
  if (el.type === 'button') return renderButton(el, block, ctx);
  if (el.type === 'image') return h('span', { class: 'ctx-image', text: `[${str(el.alt_text) || 'image'}]` });
  return h('span', { class: 'blk-unsupported', text: `[unsupported element: ${str(el.type) || 'unknown'}]` });
}

function renderButton(el, block, ctx) {
  const style = el.style === 'primary' || el.style === 'danger' ? el.style : 'default';
  const button = h(
    'button',
    { type: 'button', class: `btn ${style}`, 'data-testid': 'button', 'data-action-id': str(el.action_id) },
    textObject(el.text),
  );
  button.addEventListener('click', () => pressButton(el, block, ctx, button));
  return button;
}

async function pressButton(el, block, ctx, button) {
  if (!ctx.press) {
    toast('Buttons inside modals are not simulated by the sandbox.', 'error');
    return;
  }
  if (el.url) window.open(str(el.url), '_blank', 'noopener');
  if (el.confirm && !(await confirmDialog(obj(el.confirm)))) return;
  button.classList.add('pending');
  button.disabled = true;
  await post('/sandbox/press', {
    user: currentUser,
    messageTs: ctx.press.messageTs,
    ephemeral: ctx.press.ephemeral,
    actionId: str(el.action_id),
    blockId: str(block.block_id),
    value: str(el.value),
  });
  button.classList.remove('pending');
  button.disabled = false;
}

function renderInput(block, ctx) {
  const el = obj(block.element);
  const index = ctx.fields ? ctx.fields.length : 0;
  const blockId = str(block.block_id) || `block_${index}`;
  const actionId = str(el.action_id) || `action_${index}`;
  const id = `input-${blockId}-${actionId}`.replace(/[^\w-]/g, '_');
  const placeholder = obj(el.placeholder).text;
  let control;
  let read;
  switch (el.type) {
    case 'plain_text_input': {
      const attrs = { id, class: 'field', placeholder, maxlength: el.max_length };
      control = el.multiline ? h('textarea', { ...attrs, rows: 4 }) : h('input', { ...attrs, type: 'text' });
      control.value = str(el.initial_value);
      read = () => ({ type: 'plain_text_input', value: control.value === '' ? null : control.value });
      break;
    }
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input': {
      const type = { number_input: 'number', email_text_input: 'email', url_text_input: 'url' }[el.type];
      control = h('input', { id, class: 'field', type, placeholder });
      control.value = str(el.initial_value);
      read = () => ({ type: el.type, value: control.value === '' ? null : control.value });
      break;
    }
    case 'datepicker':
      control = h('input', { id, class: 'field', type: 'date' });
      control.value = str(el.initial_date);
      read = () => ({ type: 'datepicker', selected_date: control.value || null });
      break;
    case 'static_select': {
      const option = (o) => h('option', { value: str(obj(o).value) }, textObject(obj(o).text).textContent);
      const groups = arr(el.option_groups).map((g) =>
        h('optgroup', { label: str(obj(obj(g).label).text) }, arr(obj(g).options).map(option)),
      );
      control = h(
        'select',
        { id, class: 'field' },
        h('option', { value: '', text: str(placeholder) || 'Select an option' }),
        arr(el.options).map(option),
        groups,
      );
      control.value = str(obj(el.initial_option).value);
      read = () => ({
        type: 'static_select',
        selected_option: control.value ? { value: control.value } : null,
      });
      break;
    }
    default:
      control = h('div', {
        class: 'blk-unsupported',
        text: `[unsupported input: ${str(el.type) || 'unknown'}]`,
      });
  }
  const error = h('div', { class: 'input-error', 'data-block-id': blockId, hidden: true });
  if (ctx.fields && read) {
    ctx.fields.push({ blockId, actionId, read, optional: Boolean(block.optional), error, control });
  }
  return h(
    'div',
    { class: 'blk-input', 'data-block-id': blockId },
    h(
      'label',
      { class: 'input-label', for: id },
      textObject(block.label),
      block.optional ? h('span', { class: 'optional', text: ' (optional)' }) : null,
    ),
    control,
    block.hint ? textObject(block.hint, 'input-hint') : null,
    error,
  );
}

// ---------------------------------------------------------------------------------------------
// Channel

function formatTs(ts) {
  const d = new Date(Number(str(ts).split('.')[0]) * 1000);
  if (Number.isNaN(d.getTime())) return { short: '', long: '', day: '' };
  return {
    short: d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }),
    long: d.toLocaleString(),
    day: d.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric' }),
  };
}

const AVATAR_COLOURS = ['#2b7a78', '#9c4f96', '#e8912d', '#3a6ea5', '#c0392b', '#5b8c5a', '#7d5ba6'];

function avatar(message, author) {
  const bot = message.isBot;
  let hash = 0;
  for (const ch of str(message.user)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const colour = bot ? '#4a154b' : AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
  const initial = bot ? '🛡' : (author.trim()[0] ?? '?').toUpperCase();
  return h('div', { class: 'avatar', style: `background:${colour}`, 'aria-hidden': 'true', text: initial });
}

/** One message (top-level, reply or ephemeral) with its header and blocks. */
function renderMessage(message, kind, press) {
  const ephemeral = kind === 'ephemeral';
  const author = ephemeral && message.fromSlack ? 'Slackbot' : str(message.author) || userName(message.user);
  const time = formatTs(message.ts);
  const blocks = arr(message.blocks);
  const content = h(
    'div',
    { class: 'msg-content' },
    blocks.length > 0 ? renderBlocks(blocks, { press }) : mk('div', 'msg-text', message.text),
  );
  const meta = h(
    'div',
    { class: 'msg-meta' },
    h('span', { class: 'author', text: author }),
    message.isBot && !(ephemeral && message.fromSlack) ? h('span', { class: 'app-tag', text: 'APP' }) : null,
    h('span', { class: 'time', title: time.long, text: time.short }),
    message.edited ? h('span', { class: 'edited', text: '(edited)' }) : null,
  );
  const testid = { top: 'message', reply: 'reply', ephemeral: 'ephemeral' }[kind];
  return h(
    'div',
    { class: `msg msg-${kind}`, 'data-testid': testid, 'data-ts': str(message.ts) },
    ephemeral ? h('div', { class: 'only-you', text: '👁 Only visible to you' }) : null,
    h('div', { class: 'msg-row' }, avatar(message, author), h('div', { class: 'msg-body' }, meta, content)),
  );
}

function byTs(a, b) {
  return Number(a.ts) - Number(b.ts) || str(a.ts).localeCompare(str(b.ts));
}

function renderChannel() {
  const box = $('messages');
  const wasAtBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const previousTop = box.scrollTop;
  const messages = arr(state.messages);
  const mine = arr(state.ephemerals).filter((e) => e.forUser === currentUser);
  const threads = new Set(messages.map((m) => m.ts));
  const nodes = [];
  const newNodes = [];
  const track = (ts, node) => {
    if (!seenTs.has(ts)) newNodes.push(node);
    return node;
  };
  let lastDay = '';
  for (const m of messages) {
    const day = formatTs(m.ts).day;
    if (day && day !== lastDay) nodes.push(h('div', { class: 'day-divider' }, h('span', { text: day })));
    lastDay = day;
    const el = track(m.ts, renderMessage(m, 'top', { messageTs: m.ts, ephemeral: false }));
    const replies = arr(m.replies);
    const inThread = mine.filter((e) => e.threadTs === m.ts);
    if (replies.length > 0 || inThread.length > 0) {
      const items = [
        ...replies.map((r) => ({ r, kind: 'reply' })),
        ...inThread.map((r) => ({ r, kind: 'ephemeral' })),
      ];
      items.sort((a, b) => byTs(a.r, b.r));
      const label = replies.length === 1 ? '1 reply' : `${replies.length} replies`;
      el.querySelector('.msg-body').append(
        h(
          'div',
          { class: 'thread' },
          replies.length > 0 ? h('div', { class: 'thread-label', text: label }) : null,
          items.map(({ r, kind }) =>
            track(r.ts, renderMessage(r, kind, { messageTs: r.ts, ephemeral: kind === 'ephemeral' })),
          ),
        ),
      );
    }
    nodes.push(el);
  }
  const loose = mine.filter((e) => !e.threadTs || !threads.has(e.threadTs)).sort(byTs);
  for (const e of loose)
    nodes.push(track(e.ts, renderMessage(e, 'ephemeral', { messageTs: e.ts, ephemeral: true })));
  if (nodes.length === 0) {
    nodes.push(
      h('div', { class: 'empty', text: 'No messages yet. Raise a finding from the panel on the right.' }),
    );
  }
  box.replaceChildren(...nodes);

  const firstRender = seenTs.size === 0;
  seenTs = new Set([
    ...messages.flatMap((m) => [m.ts, ...arr(m.replies).map((r) => r.ts)]),
    ...mine.map((e) => e.ts),
  ]);
  if (firstRender || wasAtBottom || newNodes.some((n) => n.dataset.testid === 'message')) {
    box.scrollTop = box.scrollHeight;
  } else {
    box.scrollTop = previousTop;
    newNodes.at(-1)?.scrollIntoView({ block: 'nearest' });
  }
}

// ---------------------------------------------------------------------------------------------
// Sidebar

function renderSidebar() {
  const users = arr(state.users);
  const me = users.find((u) => u.id === currentUser);
  const channelName = `# ${str(state.channel?.name)}`;
  $('sidebar-channel').textContent = channelName;
  $('channel-title').textContent = channelName;
  $('channel-meta').textContent = `${users.length} members · ${str(state.channel?.id)}`;
  const current = $('current-user');
  current.dataset.userId = currentUser;
  current.replaceChildren(
    h('span', { class: 'current-name', text: me ? me.name : currentUser || 'nobody' }),
    me ? badge(me) : null,
  );
  $('user-list').replaceChildren(
    ...users.map((u) =>
      h(
        'li',
        null,
        h(
          'button',
          {
            type: 'button',
            class: `user${u.id === currentUser ? ' active' : ''}`,
            'data-testid': `user-${u.id}`,
            'aria-pressed': String(u.id === currentUser),
            title: `${u.realName} (${u.id})`,
            onclick: () => switchUser(u.id),
          },
          h('span', { class: `presence${u.id === currentUser ? ' on' : ''}` }),
          h('span', { class: 'user-name', text: u.name }),
          h('span', { class: 'user-real', text: u.realName }),
          badge(u),
        ),
      ),
    ),
  );
}

function badge(u) {
  return u.authorized
    ? h('span', { class: 'auth-badge yes', text: 'authorized' })
    : h('span', { class: 'auth-badge no', text: 'not authorized' });
}

function switchUser(id) {
  currentUser = id;
  localStorage.setItem(USER_KEY, id);
  render(true);
}

// ---------------------------------------------------------------------------------------------
// Right panel: the simulated AWS account

function section(container, title, ...children) {
  container.replaceChildren();
  append(container, [h('h3', { text: title }), children]);
}

/** Policies may arrive as objects or as (URL-encoded) JSON strings, as IAM returns them. */
function policyValue(p) {
  if (typeof p !== 'string') return p;
  for (const candidate of [p, safeDecode(p)]) {
    try {
      return JSON.parse(candidate);
    } catch {}
  }
  return p;
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** JSON indented by two, keeping any object or array that fits in a short line on one line. */
function prettyJson(v, indent = '', prefix = 0) {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  const inline = JSON.stringify(v, null, 1).replace(/\n\s*/g, ' ');
  if (indent.length + prefix + inline.length <= 54) return inline;
  const inner = `${indent}  `;
  const entries = Array.isArray(v)
    ? v.map((x) => inner + prettyJson(x, inner))
    : Object.entries(v).map(([k, x]) => {
        const key = `${JSON.stringify(k)}: `;
        return `${inner}${key}${prettyJson(x, inner, key.length)}`;
      });
  const [open, close] = Array.isArray(v) ? ['[', ']'] : ['{', '}'];
  return entries.length > 0 ? `${open}\n${entries.join(',\n')}\n${indent}${close}` : `${open}${close}`;
}

function json(value, cls = 'json') {
  const v = policyValue(value);
  return h('pre', { class: cls, text: typeof v === 'string' ? v : prettyJson(v) });
}

function statusClass(status) {
  return `status status-${str(status)
    .toLowerCase()
    .replace(/[^a-z_]/g, '')}`;
}

function renderPanel() {
  const body = $('panel-body');
  const top = body.scrollTop;
  const account = obj(state.account);

  section(
    $('account-summary'),
    'Account',
    h(
      'dl',
      { class: 'kv' },
      h('dt', { text: 'Account id' }),
      h('dd', null, h('code', { text: str(account.id) })),
      h('dt', { text: 'Region' }),
      h('dd', null, h('code', { text: str(account.region) })),
    ),
    h('h4', { text: 'Analyzers' }),
    arr(account.analyzers).length === 0
      ? h('div', { class: 'muted', text: 'none' })
      : arr(account.analyzers).map((a) =>
          h(
            'div',
            { class: 'analyzer' },
            h('b', { text: str(a.name) }),
            ' ',
            h('span', { class: 'tag', text: str(a.type) }),
            h('div', { class: 'arn', text: str(a.arn) }),
          ),
        ),
  );

  const scenarios = arr(state.scenarios);
  const key = JSON.stringify(scenarios);
  if (key !== scenarioKey) {
    const select = $('scenario-select');
    const chosen = select.value;
    select.replaceChildren(...scenarios.map((s) => h('option', { value: str(s.id), text: str(s.label) })));
    if (scenarios.some((s) => s.id === chosen)) select.value = chosen;
    scenarioKey = key;
  }

  const d = obj(state.delivery);
  const counter = (label, value, warn) =>
    h(
      'div',
      { class: `counter${warn && Number(value) > 0 ? ` ${warn}` : ''}` },
      h('div', { class: 'counter-value', text: str(value ?? 0) }),
      h('div', { class: 'counter-label', text: label }),
    );
  section(
    $('delivery'),
    'Delivery (EventBridge → SQS → Slack)',
    h(
      'div',
      { class: 'counters' },
      counter('waiting', d.waiting),
      counter('in flight', d.inFlight),
      counter('posted', d.posted),
      counter('dead letters', d.deadLetters, 'bad'),
      counter('429s from Slack', d.rateLimited, 'warn'),
    ),
  );

  const findings = arr(account.findings);
  section(
    $('findings'),
    `Findings (${findings.length})`,
    findings.length === 0
      ? h('div', { class: 'muted', text: 'No findings yet.' })
      : findings.map(renderFinding),
  );

  const roles = arr(account.roles);
  section(
    $('roles'),
    `Roles (${roles.length})`,
    roles.length === 0 ? h('div', { class: 'muted', text: 'No roles.' }) : roles.map(renderRole),
  );

  const buckets = arr(account.buckets);
  section(
    $('buckets'),
    `Buckets (${buckets.length})`,
    buckets.length === 0
      ? h('div', { class: 'muted', text: 'No buckets.' })
      : buckets.map((b) =>
          h(
            'div',
            { class: 'card', 'data-testid': 'bucket', 'data-bucket-name': str(b.name) },
            h('div', { class: 'card-title' }, h('b', { text: str(b.name) })),
            h('div', { class: 'arn', text: str(b.arn) }),
            b.policy === null || b.policy === undefined || b.policy === ''
              ? h('div', { class: 'muted', text: 'No bucket policy.' })
              : [h('h5', { text: 'Bucket policy' }), json(b.policy)],
          ),
        ),
  );

  const audit = arr(state.audit).slice().reverse();
  section(
    $('audit'),
    `Audit trail (${audit.length}, newest first)`,
    audit.length === 0 ? h('div', { class: 'muted', text: 'No audit events yet.' }) : audit.map(renderAudit),
  );
  body.scrollTop = top;
}

function renderFinding(f) {
  const principal = Object.entries(obj(f.principal)).map(([k, v]) => `${k}: ${str(v)}`);
  return h(
    'div',
    {
      class: 'card finding',
      'data-testid': 'finding',
      'data-finding-id': str(f.id),
      'data-status': str(f.status),
    },
    h(
      'div',
      { class: 'card-title' },
      h('span', { class: statusClass(f.status), text: str(f.status) }),
      h('span', { class: 'tag', text: str(f.resourceType) }),
      f.kind === 'unused'
        ? h('span', { class: 'tag', text: `unused${f.findingType ? `: ${f.findingType}` : ''}` })
        : null,
      f.isPublic ? h('span', { class: 'tag public', text: 'public' }) : null,
    ),
    h('div', { class: 'arn', text: str(f.resource) }),
    principal.length > 0
      ? h('div', { class: 'principal' }, 'Principal: ', h('code', { text: principal.join(', ') }))
      : null,
    h('div', { class: 'small muted', text: `id ${str(f.id)} · updated ${formatIso(f.updatedAt)}` }),
  );
}

function formatIso(iso) {
  const d = new Date(str(iso));
  return Number.isNaN(d.getTime()) ? str(iso) : d.toLocaleString();
}

/** True when a policy denies "*" (the app's isolation policy, or AWSDenyAll). */
function deniesAll(policy) {
  const v = policyValue(policy);
  const statements = arr(obj(v).Statement).length > 0 ? arr(obj(v).Statement) : [obj(obj(v).Statement)];
  return statements.some((s) => s.Effect === 'Deny' && [s.Action].flat().includes('*'));
}

function renderRole(r) {
  const inline = Object.entries(obj(r.inlinePolicies));
  const attached = arr(r.attachedPolicies).map(str);
  // The app isolates with a deny-everything inline policy, or the managed AWSDenyAll.
  const isolated =
    inline.some(([name, p]) => deniesAll(p) || /deny/i.test(name)) ||
    attached.some((a) => /DenyAll$/i.test(a));
  const tags = Object.entries(obj(r.tags));
  const path = str(r.path) || '/';
  return h(
    'div',
    {
      class: `card role${isolated ? ' isolated' : ''}`,
      'data-testid': 'role',
      'data-role-name': str(r.name),
      'data-isolated': String(isolated),
    },
    h(
      'div',
      { class: 'card-title' },
      h('span', { class: 'role-path', text: path }),
      h('b', { text: str(r.name) }),
      isolated ? h('span', { class: 'badge danger', text: '🔒 deny policy attached' }) : null,
      !isolated && (inline.length > 0 || attached.length > 0)
        ? h('span', { class: 'badge warn', text: 'policies attached' })
        : null,
      r.serviceLinked ? h('span', { class: 'tag', text: 'service-linked' }) : null,
    ),
    h('div', { class: 'arn', text: str(r.arn) }),
    h('h5', { text: 'Trust policy' }),
    json(r.trustPolicy),
    h('h5', { text: `Inline policies (${inline.length})` }),
    inline.map(([name, p]) =>
      h('div', { class: `policy${deniesAll(p) ? ' deny' : ''}` }, h('code', { text: name }), json(p)),
    ),
    h('h5', { text: `Attached policies (${attached.length})` }),
    attached.length > 0
      ? h(
          'ul',
          { class: 'plain' },
          attached.map((a) => h('li', null, h('code', { text: a }))),
        )
      : null,
    h('h5', { text: `Tags (${tags.length})` }),
    tags.length > 0
      ? h(
          'dl',
          { class: 'kv tags' },
          tags.map(([k, v]) => [h('dt', null, h('code', { text: k })), h('dd', { text: str(v) })]),
        )
      : null,
  );
}

function renderAudit(a) {
  const actor = obj(a.actor);
  const actorName = str(actor.name) || str(actor.slackUserId) || str(a.actor) || 'someone';
  return h(
    'div',
    { class: 'audit-entry', 'data-testid': 'audit' },
    h(
      'div',
      null,
      h('span', {
        class: `result result-${str(a.result).replace(/[^\w-]/g, '')}`,
        text: str(a.result) || '?',
      }),
      ' ',
      h('b', { text: str(a.action) }),
      ' by ',
      h('span', { text: actorName }),
      a.reason ? [' — ', h('code', { text: str(a.reason) })] : null,
    ),
    h('div', {
      class: 'small muted',
      text: [a.findingId && `finding ${str(a.findingId)}`, a.time && formatIso(a.time)]
        .filter(Boolean)
        .join(' · '),
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Confirm dialog and modals

/** Shows a Block Kit confirm object; resolves true on confirm, false on deny. */
function confirmDialog(confirm) {
  if (confirmOpen) return Promise.resolve(false);
  confirmOpen = true;
  return new Promise((resolve) => {
    const root = $('confirm-root');
    const done = (answer) => {
      confirmOpen = false;
      root.replaceChildren();
      resolve(answer);
    };
    const danger = confirm.style === 'danger';
    const no = h(
      'button',
      { type: 'button', class: 'btn default', 'data-testid': 'confirm-no', onclick: () => done(false) },
      str(obj(confirm.deny).text) || 'Cancel',
    );
    const yes = h(
      'button',
      {
        type: 'button',
        class: `btn ${danger ? 'danger' : 'primary'}`,
        'data-testid': 'confirm-yes',
        onclick: () => done(true),
      },
      str(obj(confirm.confirm).text) || 'Yes',
    );
    const dialog = h(
      'div',
      { class: 'dialog confirm', role: 'alertdialog', 'aria-modal': 'true', 'data-testid': 'confirm-dialog' },
      h('div', { class: 'dialog-header' }, textObject(confirm.title, 'dialog-title')),
      h('div', { class: 'dialog-body' }, textObject(confirm.text)),
      h('div', { class: 'dialog-footer' }, no, yes),
    );
    const overlay = h(
      'div',
      { class: 'overlay', onclick: (e) => e.target === overlay && done(false) },
      dialog,
    );
    overlay.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') done(false);
    });
    root.replaceChildren(overlay);
    (danger ? no : yes).focus();
  });
}

function topModal() {
  return arr(state?.modals)
    .filter((m) => m.forUser === currentUser)
    .at(-1);
}

function renderModal() {
  const m = topModal();
  const root = $('modal-root');
  if (!m) {
    root.replaceChildren();
    modalShown = null;
    return;
  }
  const key = `${m.viewId}|${JSON.stringify(m.view)}`;
  if (!modalShown || modalShown.key !== key) modalShown = buildModal(m, key);
  for (const f of modalShown.fields) showFieldError(f, obj(m.errors)[f.blockId]);
  if (!root.contains(modalShown.overlay)) root.replaceChildren(modalShown.overlay);
}

function showFieldError(f, message) {
  f.error.hidden = !message;
  f.error.textContent = message ?? '';
  f.control.classList.toggle('invalid', Boolean(message));
}

function buildModal(m, key) {
  const view = obj(m.view);
  const fields = [];
  const close = () => {
    if (!modalShown || modalShown.viewId !== m.viewId) return;
    post('/sandbox/view-close', { user: currentUser, viewId: m.viewId });
  };
  const submit = h(
    'button',
    { type: 'submit', class: 'btn primary', 'data-testid': 'modal-submit' },
    str(obj(view.submit).text) || 'Submit',
  );
  const form = h(
    'form',
    {
      class: 'dialog modal',
      role: 'dialog',
      'aria-modal': 'true',
      'data-testid': 'modal',
      'data-view-id': str(m.viewId),
      novalidate: true,
    },
    h(
      'div',
      { class: 'dialog-header' },
      textObject(view.title, 'dialog-title'),
      h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Close', onclick: close, text: '×' }),
    ),
    h('div', { class: 'dialog-body' }, renderBlocks(view.blocks, { press: null, fields })),
    h(
      'div',
      { class: 'dialog-footer' },
      h(
        'button',
        { type: 'button', class: 'btn default', 'data-testid': 'modal-close', onclick: close },
        str(obj(view.close).text) || 'Cancel',
      ),
      view.submit || fields.length > 0 ? submit : null,
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = {};
    let missing = false;
    for (const f of fields) {
      const value = f.read();
      const empty = Object.entries(value).every(([k, v]) => k === 'type' || v === null);
      if (empty && !f.optional) {
        showFieldError(f, 'Please complete this required field.');
        missing = true;
      }
      values[f.blockId] ??= {};
      values[f.blockId][f.actionId] = value;
    }
    if (missing) return;
    submit.disabled = true;
    await post('/sandbox/view-submit', { user: currentUser, viewId: m.viewId, values });
    submit.disabled = false;
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !confirmOpen) close();
  });
  const overlay = h('div', { class: 'overlay' }, form);
  queueMicrotask(() => form.querySelector('input, textarea, select')?.focus());
  return { key, viewId: m.viewId, overlay, fields };
}

// ---------------------------------------------------------------------------------------------
// Toasts, HTTP, live updates

function toast(message, kind = 'info') {
  const el = h('div', { class: `toast ${kind}`, 'data-testid': 'toast', role: 'status', text: message });
  el.addEventListener('click', () => el.remove());
  $('toasts').append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 8000 : 4000);
}

/** POSTs JSON, shows a failed ActionResult as a toast, then re-fetches the state. */
async function post(path, body) {
  let result;
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    try {
      result = JSON.parse(text);
    } catch {
      result = { ok: response.ok, error: `HTTP ${response.status}: ${text.slice(0, 200)}` };
    }
    if (!response.ok && result?.ok !== true)
      result = { ok: false, error: result?.error || `HTTP ${response.status}` };
  } catch (error) {
    result = { ok: false, error: `Could not reach the sandbox server: ${error.message}` };
  }
  if (result?.ok !== true) toast(str(result?.error) || 'The sandbox refused the request.', 'error');
  await refresh();
  return result ?? { ok: false };
}

async function refresh() {
  const seq = ++fetchSeq;
  try {
    const response = await fetch('/sandbox/state', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (seq < appliedSeq) return;
    appliedSeq = seq;
    if (text !== stateText) {
      state = JSON.parse(text);
      stateText = text;
    }
    render();
  } catch (error) {
    setConnection(`state unavailable (${error.message})`, 'bad');
  }
}

function render(force = false) {
  if (!state) return;
  const users = arr(state.users);
  if (!users.some((u) => u.id === currentUser) && users.length > 0) {
    currentUser = users[0].id;
    localStorage.setItem(USER_KEY, currentUser);
  }
  const key = `${currentUser}|${stateText}`;
  if (!force && key === renderedKey) return;
  renderedKey = key;
  if (force) seenTs = new Set();
  for (const part of [renderSidebar, renderChannel, renderPanel, renderModal]) {
    try {
      part();
    } catch (error) {
      console.error(`${part.name} failed`, error);
      toast(`Page error in ${part.name}: ${error.message}`, 'error');
    }
  }
}

let pollTimer = null;

function startPolling() {
  if (pollTimer) return;
  pollTimer = setInterval(refresh, POLL_MS);
  setConnection('polling every 1 s', 'warn');
}

function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

function setConnection(text, kind) {
  const el = $('connection');
  el.textContent = text;
  el.className = `sidebar-footer ${kind}`;
}

function connect() {
  if (typeof EventSource !== 'function') {
    startPolling();
    return;
  }
  const events = new EventSource('/sandbox/stream');
  events.onopen = () => {
    stopPolling();
    setConnection('live', 'ok');
    refresh();
  };
  events.onmessage = (e) => {
    let version;
    try {
      version = JSON.parse(e.data).version;
    } catch {
      version = undefined;
    }
    if (!state || version !== state.version) refresh();
  };
  // EventSource retries by itself; poll meanwhile (and for good if it gave up).
  events.onerror = () => startPolling();
}

// ---------------------------------------------------------------------------------------------
// Static controls

function setupControls() {
  const input = $('command-input');
  const error = $('command-error');
  input.addEventListener('input', () => {
    error.hidden = true;
  });
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    if (commandHistory.length === 0) return;
    e.preventDefault();
    historyIndex = Math.max(
      0,
      Math.min(commandHistory.length, historyIndex + (e.key === 'ArrowUp' ? -1 : 1)),
    );
    input.value = commandHistory[historyIndex] ?? '';
  });
  $('composer').addEventListener('submit', async (e) => {
    e.preventDefault();
    const raw = input.value.trim();
    if (!raw) return;
    let text = raw;
    if (raw.startsWith('/')) {
      const [, command, rest] = raw.match(/^(\/\S*)\s*([\s\S]*)$/);
      if (command !== '/access-findings') {
        error.textContent = `${command} is not a valid command. In Slack, messages starting with “/” are commands; only /access-findings is installed here.`;
        error.hidden = false;
        return;
      }
      text = rest;
    }
    commandHistory.push(raw);
    historyIndex = commandHistory.length;
    const result = await post('/sandbox/command', { user: currentUser, text });
    if (result.ok && input.value.trim() === raw) input.value = '';
  });

  $('raise').addEventListener('click', () => {
    const scenario = $('scenario-select').value;
    if (!scenario) return toast('Pick a scenario first.', 'error');
    post('/sandbox/raise', { scenario });
  });
  $('burst').addEventListener('click', () => {
    const count = Number($('burst-count').value);
    if (!Number.isInteger(count) || count < 1)
      return toast('The burst count must be a whole number ≥ 1.', 'error');
    post('/sandbox/burst', { count });
  });
}

setupControls();
connect();
refresh();
