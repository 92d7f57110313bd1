import type { PanelProps } from '@conversations/panel-bus';
import { PanelRoot } from '@conversations/ui';
import { useState, type KeyboardEvent } from 'react';
import { CallsTab } from './CallsTab';
import { ChatTab } from './ChatTab';
import { ContactsTab } from './ContactsTab';
import './inbox.css';
import { useLiveLists } from './use-live-lists';

const TABS = [
  { id: 'contacts', label: 'Contacts' },
  { id: 'chat', label: 'Chat' },
  { id: 'calls', label: 'Calls' },
] as const;
type TabId = (typeof TABS)[number]['id'];

/** The left panel: three tabs, one active; every tab keeps its search, pages and scroll (F10). */
export default function InboxPanel(props: PanelProps) {
  return (
    <PanelRoot props={props} name="inbox">
      <Inbox />
    </PanelRoot>
  );
}

function Inbox() {
  const [tab, setTab] = useState<TabId>('contacts');
  useLiveLists();

  const onKeyDown = (event: KeyboardEvent) => {
    const index = TABS.findIndex((each) => each.id === tab);
    const next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
    if (next === null) return;
    const target = TABS[(next + TABS.length) % TABS.length];
    setTab(target.id);
    document.getElementById(`inbox-tab-${target.id}`)?.focus();
  };

  return (
    <>
      <div className="inbox-tabs" role="tablist" aria-label="Inbox" onKeyDown={onKeyDown}>
        {TABS.map((each) => (
          <button
            key={each.id}
            id={`inbox-tab-${each.id}`}
            type="button"
            role="tab"
            className="inbox-tab"
            aria-selected={tab === each.id}
            aria-controls={`inbox-tabpanel-${each.id}`}
            tabIndex={tab === each.id ? 0 : -1}
            onClick={() => setTab(each.id)}
          >
            {each.label}
          </button>
        ))}
      </div>
      <div className="inbox-tabpanels">
        {TABS.map((each) => (
          <div
            key={each.id}
            id={`inbox-tabpanel-${each.id}`}
            role="tabpanel"
            aria-labelledby={`inbox-tab-${each.id}`}
            className="inbox-tabpanel"
            data-active={tab === each.id}
            aria-hidden={tab !== each.id}
          >
            {each.id === 'contacts' ? (
              <ContactsTab active={tab === 'contacts'} />
            ) : each.id === 'chat' ? (
              <ChatTab active={tab === 'chat'} />
            ) : (
              <CallsTab active={tab === 'calls'} />
            )}
          </div>
        ))}
      </div>
    </>
  );
}
