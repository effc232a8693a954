// The channel: messages with their threads and ephemerals, message buttons, and the slash-command box.

import { post } from './api.js';
import { mk, renderBlocks } from './block-kit.js';
import { confirmDialog } from './dialogs.js';
import { $, arr, h, obj, str } from './dom.js';
import { page, userName } from './state.js';

const AVATAR_COLOURS = ['#2b7a78', '#9c4f96', '#e8912d', '#3a6ea5', '#c0392b', '#5b8c5a', '#7d5ba6'];

const commandHistory = [];
let historyIndex = -1;

function formatTs(ts) {
  const d = new Date(Number(str(ts).split('.')[0]) * 1000);
  if (Number.isNaN(d.getTime())) return { short: '', long: '', day: '' };
  return {
    short: d.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' }),
    long: d.toLocaleString(),
    day: d.toLocaleDateString(undefined, { weekday: 'long', month: 'long', day: 'numeric' }),
  };
}

function avatar(message, author) {
  const bot = message.isBot;
  let hash = 0;
  for (const ch of str(message.user)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  const colour = bot ? '#4a154b' : AVATAR_COLOURS[hash % AVATAR_COLOURS.length];
  const initial = bot ? '🛡' : (author.trim()[0] ?? '?').toUpperCase();
  return h('div', { class: 'avatar', style: `background:${colour}`, 'aria-hidden': 'true', text: initial });
}

/** A button press on a message (press is { messageTs, ephemeral }), after its confirm dialog if any. */
async function pressButton(press, el, block, button) {
  if (el.url) window.open(str(el.url), '_blank', 'noopener');
  if (el.confirm && !(await confirmDialog(obj(el.confirm)))) return;
  button.classList.add('pending');
  button.disabled = true;
  await post('/sandbox/press', {
    user: page.currentUser,
    messageTs: press.messageTs,
    ephemeral: press.ephemeral,
    actionId: str(el.action_id),
    blockId: str(block.block_id),
    value: str(el.value),
  });
  button.classList.remove('pending');
  button.disabled = false;
}

/** One message (top-level, reply or ephemeral) with its header and blocks. */
function renderMessage(message, kind, press) {
  const ephemeral = kind === 'ephemeral';
  const author =
    ephemeral && message.fromSlack
      ? 'Slackbot'
      : str(message.author) || (userName(message.user) ?? message.user);
  const time = formatTs(message.ts);
  const blocks = arr(message.blocks);
  const onPress = (el, block, button) => pressButton(press, el, block, button);
  const content = h(
    'div',
    { class: 'msg-content' },
    blocks.length > 0 ? renderBlocks(blocks, { onPress }) : mk('div', 'msg-text', message.text),
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

export function renderChannel() {
  const { state, currentUser } = page;
  const box = $('messages');
  const wasAtBottom = box.scrollHeight - box.scrollTop - box.clientHeight < 80;
  const previousTop = box.scrollTop;
  const messages = arr(state.messages);
  const mine = arr(state.ephemerals).filter((e) => e.forUser === currentUser);
  const threads = new Set(messages.map((m) => m.ts));
  const nodes = [];
  const newNodes = [];
  const track = (ts, node) => {
    if (!page.seenTs.has(ts)) newNodes.push(node);
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

  const firstRender = page.seenTs.size === 0;
  page.seenTs = new Set([
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

/** The slash-command box: /access-findings only (as the one installed command), with ↑/↓ history. */
export function setupComposer() {
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
    const result = await post('/sandbox/command', { user: page.currentUser, text });
    if (result.ok && input.value.trim() === raw) input.value = '';
  });
}
