/**
 * The Block Kit checks Slack makes on what an app posts, for the blocks and elements this app uses.
 * Answers Slack's error code and messages in Slack's `[ERROR] … [json-pointer:…]` style.
 */

type Json = Record<string, unknown>;
const BLOCK_TYPES = new Set([
  'header',
  'section',
  'context',
  'divider',
  'actions',
  'input',
  'image',
  'rich_text',
  'markdown',
]);

export interface BlockProblem {
  error: 'invalid_blocks' | 'invalid_blocks_format';
  messages: string[];
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function textObject(v: unknown, at: string, max: number, problems: string[], plainOnly = false): void {
  if (!isObject(v) || typeof v.text !== 'string' || (v.type !== 'plain_text' && v.type !== 'mrkdwn')) {
    problems.push(`[ERROR] must be a text object [json-pointer:${at}]`);
    return;
  }
  if (plainOnly && v.type !== 'plain_text')
    problems.push(`[ERROR] must be plain_text [json-pointer:${at}/type]`);
  if (v.text.length === 0) problems.push(`[ERROR] must be more than 0 characters [json-pointer:${at}/text]`);
  if (v.text.length > max)
    problems.push(`[ERROR] must be less than ${max + 1} characters [json-pointer:${at}/text]`);
}

function element(e: unknown, at: string, problems: string[]): void {
  if (!isObject(e)) {
    problems.push(`[ERROR] must be an object [json-pointer:${at}]`);
    return;
  }
  if (typeof e.action_id === 'string' && e.action_id.length > 255) {
    problems.push(`[ERROR] must be less than 256 characters [json-pointer:${at}/action_id]`);
  }
  if (e.type === 'button') {
    textObject(e.text, `${at}/text`, 75, problems, true);
    if (typeof e.value === 'string' && e.value.length > 2000) {
      problems.push(`[ERROR] must be less than 2001 characters [json-pointer:${at}/value]`);
    }
    if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger') {
      problems.push(`[ERROR] must be one of primary, danger [json-pointer:${at}/style]`);
    }
    if (e.confirm !== undefined) {
      const c = e.confirm;
      if (!isObject(c)) problems.push(`[ERROR] must be an object [json-pointer:${at}/confirm]`);
      else {
        textObject(c.title, `${at}/confirm/title`, 100, problems, true);
        textObject(c.text, `${at}/confirm/text`, 300, problems);
        textObject(c.confirm, `${at}/confirm/confirm`, 30, problems, true);
        textObject(c.deny, `${at}/confirm/deny`, 30, problems, true);
      }
    }
  }
}

/** Checks a blocks array the way Slack does; undefined when it would be accepted. */
export function checkBlocks(blocks: unknown, maxBlocks = 50): BlockProblem | undefined {
  if (!Array.isArray(blocks))
    return { error: 'invalid_blocks_format', messages: ['[ERROR] must be an array'] };
  const problems: string[] = [];
  if (blocks.length > maxBlocks)
    problems.push(`[ERROR] no more than ${maxBlocks} items allowed [json-pointer:/blocks]`);
  const ids = new Set<string>();
  blocks.forEach((b, i) => {
    const at = `/blocks/${i}`;
    if (!isObject(b) || typeof b.type !== 'string' || !BLOCK_TYPES.has(b.type)) {
      problems.push(`[ERROR] unsupported type [json-pointer:${at}/type]`);
      return;
    }
    if (typeof b.block_id === 'string') {
      if (b.block_id.length > 255)
        problems.push(`[ERROR] must be less than 256 characters [json-pointer:${at}/block_id]`);
      if (ids.has(b.block_id)) problems.push(`[ERROR] duplicate block_id [json-pointer:${at}/block_id]`);
      ids.add(b.block_id);
    }
    switch (b.type) {
      case 'header':
        textObject(b.text, `${at}/text`, 150, problems, true);
        break;
      case 'section':
        if (b.text === undefined && b.fields === undefined)
          problems.push(`[ERROR] must provide text or fields [json-pointer:${at}]`);
        if (b.text !== undefined) textObject(b.text, `${at}/text`, 3000, problems);
        if (b.fields !== undefined) {
          if (!Array.isArray(b.fields) || b.fields.length > 10) {
            problems.push(`[ERROR] no more than 10 items allowed [json-pointer:${at}/fields]`);
          } else {
            for (const [j, f] of b.fields.entries()) textObject(f, `${at}/fields/${j}`, 2000, problems);
          }
        }
        if (b.accessory !== undefined) element(b.accessory, `${at}/accessory`, problems);
        break;
      case 'context':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 10) {
          problems.push(`[ERROR] must have 1 to 10 elements [json-pointer:${at}/elements]`);
        } else {
          for (const [j, e] of b.elements.entries()) {
            if (isObject(e) && e.type !== 'image') textObject(e, `${at}/elements/${j}`, 3000, problems);
          }
        }
        break;
      case 'actions':
        if (!Array.isArray(b.elements) || b.elements.length === 0 || b.elements.length > 25) {
          problems.push(`[ERROR] must have 1 to 25 elements [json-pointer:${at}/elements]`);
        } else {
          for (const [j, e] of b.elements.entries()) element(e, `${at}/elements/${j}`, problems);
        }
        break;
      case 'input':
        textObject(b.label, `${at}/label`, 2000, problems, true);
        if (!isObject(b.element))
          problems.push(`[ERROR] must provide an element [json-pointer:${at}/element]`);
        break;
    }
  });
  return problems.length > 0 ? { error: 'invalid_blocks', messages: problems } : undefined;
}

/** Slack truncates after 40,000 characters and refuses longer text with `msg_too_long`. */
export const MAX_TEXT = 40_000;
