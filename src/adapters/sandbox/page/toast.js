// Toasts: short notices in the corner, for what the page or the server refused.

import { $, h } from './dom.js';

export function toast(message, kind = 'info') {
  const el = h('div', { class: `toast ${kind}`, 'data-testid': 'toast', role: 'status', text: message });
  el.addEventListener('click', () => el.remove());
  $('toasts').append(el);
  setTimeout(() => el.remove(), kind === 'error' ? 8000 : 4000);
}
