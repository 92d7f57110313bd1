import type { MountedPanel, PanelProps } from '@conversations/panel-bus';
import { definePanelElement, mountPanel } from '@conversations/ui';
import InboxPanel from './panel/InboxPanel';

/** Embed the inbox in any page: `mount(element, { apiBaseUrl, token })` (F35). */
export function mount(element: Element, options: PanelProps): MountedPanel {
  return mountPanel(InboxPanel, element, options);
}

definePanelElement('conversations-inbox', InboxPanel);
