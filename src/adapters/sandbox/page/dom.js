// DOM helpers: text goes in as textContent, never as HTML, so only mrkdwn.js's output is ever markup.

export const $ = (id) => document.getElementById(id);

/** Creates an element. attrs: class, text, on<Event> handlers, anything else as an attribute. */
export function h(tag, attrs, ...children) {
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

export function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

// The state is untrusted JSON; these read a field as the expected kind, whatever arrived.

export function str(v) {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v);
}

export function obj(v) {
  return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
}

export function arr(v) {
  return Array.isArray(v) ? v : [];
}
