// Dialogs over the page: Block Kit confirm dialogs, and the acting user's top modal (views.open).

import { post } from './api.js';
import { renderBlocks, textObject } from './block-kit.js';
import { $, arr, h, obj, str } from './dom.js';
import { page } from './state.js';

let modalShown = null; // { key, viewId, overlay, fields }
let confirmOpen = false;

/** Shows a Block Kit confirm object; resolves true on confirm, false on deny. */
export function confirmDialog(confirm) {
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
  return arr(page.state?.modals)
    .filter((m) => m.forUser === page.currentUser)
    .at(-1);
}

export function renderModal() {
  const m = topModal();
  const root = $('modal-root');
  if (!m) {
    root.replaceChildren();
    modalShown = null;
    return;
  }
  const key = `${m.viewId}|${JSON.stringify(m.view)}`;
  // Rebuilt only when the view changed, so typed input survives every other state update.
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
    post('/sandbox/view-close', { user: page.currentUser, viewId: m.viewId });
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
    h('div', { class: 'dialog-body' }, renderBlocks(view.blocks, { fields })),
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
    await post('/sandbox/view-submit', { user: page.currentUser, viewId: m.viewId, values });
    submit.disabled = false;
  });
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && !confirmOpen) close();
  });
  const overlay = h('div', { class: 'overlay' }, form);
  queueMicrotask(() => form.querySelector('input, textarea, select')?.focus());
  return { key, viewId: m.viewId, overlay, fields };
}
