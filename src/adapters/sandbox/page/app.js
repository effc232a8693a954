// The sandbox page's entry: draws each SandboxState from the server (../contract.ts) and wires the controls.

import { renderPanel, setupRaiseControls } from './account-panel.js';
import { connect, refresh, setRenderer } from './api.js';
import { renderChannel, setupComposer } from './channel.js';
import { renderModal } from './dialogs.js';
import { arr } from './dom.js';
import { renderSidebar } from './sidebar.js';
import { page, setCurrentUser } from './state.js';
import { toast } from './toast.js';

let renderedKey = '';

function render(force = false) {
  if (!page.state) return;
  const users = arr(page.state.users);
  if (!users.some((u) => u.id === page.currentUser) && users.length > 0) setCurrentUser(users[0].id);
  const key = `${page.currentUser}|${page.stateText}`;
  if (!force && key === renderedKey) return;
  renderedKey = key;
  if (force) page.seenTs = new Set();
  // Each part on its own, so one failing part leaves the rest of the page working.
  for (const part of [renderSidebar, renderChannel, renderPanel, renderModal]) {
    try {
      part();
    } catch (error) {
      console.error(`${part.name} failed`, error);
      toast(`Page error in ${part.name}: ${error.message}`, 'error');
    }
  }
}

setRenderer(render);
setupComposer();
setupRaiseControls();
connect();
refresh();
