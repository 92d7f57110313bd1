import type { MountedPanel, PanelProps } from '@conversations/panel-bus';
import { definePanelElement, mountPanel } from '@conversations/ui';
import ContactDetailsPanel from './panel/ContactDetailsPanel';

/** Embed the contact details in any page: `mount(element, { apiBaseUrl, token, contactId })` (F35). */
export function mount(element: Element, options: PanelProps): MountedPanel {
  return mountPanel(ContactDetailsPanel, element, options);
}

definePanelElement('conversations-contact-details', ContactDetailsPanel);
