// The right panel: the simulated AWS account (analyzers, findings, roles, buckets, audit) and its controls.

import { post } from './api.js';
import { $, append, arr, h, obj, str } from './dom.js';
import { page } from './state.js';
import { toast } from './toast.js';

let scenarioKey = '';

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

export function renderPanel() {
  const body = $('panel-body');
  const top = body.scrollTop;
  const { state } = page;
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

/** The raise and burst buttons, which send findings through the simulated delivery. */
export function setupRaiseControls() {
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
