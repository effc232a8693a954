// The page's shared mutable state, kept in one object so every module sees the same values.

import { arr } from './dom.js';

const USER_KEY = 'sandbox.currentUser';

export const page = {
  state: null, // the last SandboxState rendered
  stateText: '', // its raw JSON, to skip re-rendering an unchanged state
  currentUser: localStorage.getItem(USER_KEY) || '',
  seenTs: new Set(), // message/reply/ephemeral ts already shown, to scroll to new ones
};

/** Acts as another user from now on, and after a reload. */
export function setCurrentUser(id) {
  page.currentUser = id;
  localStorage.setItem(USER_KEY, id);
}

/** A member's name, else the author name on one of their messages; undefined when neither is known. */
export function userName(id) {
  const user = arr(page.state?.users).find((u) => u.id === id);
  if (user) return user.name;
  return arr(page.state?.messages).find((m) => m.user === id)?.author || undefined;
}

/** The channel's name when id is the sandbox channel; undefined for any other channel. */
export function channelName(id) {
  return page.state?.channel?.id === id ? page.state.channel.name : undefined;
}
