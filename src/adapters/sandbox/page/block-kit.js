// Block Kit → DOM: the blocks and elements of messages and modals, including modal inputs.

import { arr, h, obj, str } from './dom.js';
import { emojify, mrkdwnToHtml } from './mrkdwn.js';
import { channelName, userName } from './state.js';
import { toast } from './toast.js';

/** An element whose content is mrkdwn, rendered to escaped HTML. */
export function mk(tag, cls, text) {
  const el = h(tag, { class: cls });
  el.innerHTML = mrkdwnToHtml(text, { userName, channelName });
  return el;
}

/** A text object: mrkdwn rendered, plain_text with emoji shortcodes. */
export function textObject(t, cls) {
  const o = obj(t);
  if (o.type === 'mrkdwn') return mk('span', cls, o.text);
  return h('span', { class: cls, text: emojify(str(o.text ?? (typeof t === 'string' ? t : ''))) });
}

function unsupported(type) {
  return h('div', { class: 'blk-unsupported', text: `[unsupported block: ${str(type) || 'unknown'}]` });
}

/**
 * Renders blocks. ctx.onPress(element, block, button) handles button presses where buttons work
 * (messages); without it (modals) a press only explains that; ctx.fields collects modal inputs.
 */
export function renderBlocks(blocks, ctx) {
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
  button.addEventListener('click', () => {
    if (ctx.onPress) ctx.onPress(el, block, button);
    else toast('Buttons inside modals are not simulated by the sandbox.', 'error');
  });
  return button;
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
