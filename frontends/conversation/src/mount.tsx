import type { MountedPanel, PanelProps } from '@conversations/panel-bus';
import { definePanelElement, mountPanel } from '@conversations/ui';
import ConversationPanel from './panel/ConversationPanel';

/** Embed the conversation in any page: `mount(element, { apiBaseUrl, token, contactId })` (F35). */
export function mount(element: Element, options: PanelProps): MountedPanel {
  return mountPanel(ConversationPanel, element, options);
}

definePanelElement('conversations-conversation', ConversationPanel);
