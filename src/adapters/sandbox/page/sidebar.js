// The sidebar: the channel's name, who the page is acting as, and the user switcher.

import { rerender } from './api.js';
import { $, arr, h, str } from './dom.js';
import { page, setCurrentUser } from './state.js';

export function renderSidebar() {
  const { state, currentUser } = page;
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
  setCurrentUser(id);
  // Forced, so the channel starts over as on a first load: scrolled to the newest message.
  rerender(true);
}
