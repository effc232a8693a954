// The page's side of ../contract.ts: POSTs to the sandbox server, and fetches its state on every change.

import { $, str } from './dom.js';
import { page } from './state.js';
import { toast } from './toast.js';

const POLL_MS = 1000;

let fetchSeq = 0;
let appliedSeq = 0;
let pollTimer = null;
// Handed in by app.js, so that the renderers can import this module without an import cycle.
let render = () => {};

/** Sets what draws page.state; render(true) redraws everything, even an unchanged state. */
export function setRenderer(fn) {
  render = fn;
}

/** Draws the current state again, without fetching; force redraws even if nothing changed. */
export function rerender(force = false) {
  render(force);
}

/** POSTs JSON, shows a failed ActionResult as a toast, then re-fetches the state. */
export async function post(path, body) {
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

export async function refresh() {
  const seq = ++fetchSeq;
  try {
    const response = await fetch('/sandbox/state', { cache: 'no-store' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const text = await response.text();
    if (seq < appliedSeq) return;
    appliedSeq = seq;
    if (text !== page.stateText) {
      page.state = JSON.parse(text);
      page.stateText = text;
    }
    render();
  } catch (error) {
    setConnection(`state unavailable (${error.message})`, 'bad');
  }
}

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

/** Follows /sandbox/stream, which announces each new state version; polls while it is down. */
export function connect() {
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
    if (!page.state || version !== page.state.version) refresh();
  };
  // EventSource retries by itself; poll meanwhile (and for good if it gave up).
  events.onerror = () => startPolling();
}
