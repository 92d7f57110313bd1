// The shell's src/remotes.ts for the one-app build (bench:frontend only): the three panels imported
// directly, no Module Federation. The aliases are set in one-app.webpack.config.js.
import ContactDetailsPanel from 'one-app-panel/contact_details';
import ConversationPanel from 'one-app-panel/conversation';
import InboxPanel from 'one-app-panel/inbox';

const panels = { inbox: InboxPanel, conversation: ConversationPanel, contact_details: ContactDetailsPanel };

export function registerPanelRemotes() {}

export async function loadPanel(name) {
  return panels[name];
}
