import type { CallView, Page } from '@conversations/contracts';
import { panelBus, type PanelProps } from '@conversations/panel-bus';
import { PanelRoot, queryKeys, useLiveEvents } from '@conversations/ui';
import { useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { CallsTab } from './CallsTab';
import { ChatTab } from './ChatTab';
import { ContactsTab } from './ContactsTab';
import './inbox.css';

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
  useLiveRefresh();

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

/** F11: lists follow the live event stream and changes other panels make, without a reload. */
function useLiveRefresh() {
  const queryClient = useQueryClient();
  useLiveEvents((event) => {
    if (event.type.startsWith('evt.contacts.') && /created|updated|deleted/.test(event.type))
      void queryClient.invalidateQueries({ queryKey: queryKeys.contactList.all() });
    if (event.type.startsWith('evt.messaging.') || event.type === 'evt.contacts.updated')
      void queryClient.invalidateQueries({ queryKey: queryKeys.conversationList.all() });
    // A new call may belong anywhere in a searched list: ask again. A call that changed is updated where it is.
    if (event.type === 'evt.calls.created' || event.type === 'evt.contacts.updated')
      void queryClient.invalidateQueries({ queryKey: queryKeys.callList.all() });
    if (event.type === 'evt.calls.updated') {
      const { call } = event.data;
      if (call)
        queryClient.setQueriesData<InfiniteData<Page<CallView>>>({ queryKey: queryKeys.callList.all() }, (data) => replaceCall(data, call));
    }
  });
  useEffect(
    () =>
      panelBus().subscribe('contact-updated', () => {
        void queryClient.invalidateQueries({ queryKey: queryKeys.contactList.all() });
        void queryClient.invalidateQueries({ queryKey: queryKeys.conversationList.all() });
      }),
    [queryClient],
  );
}

/** The list with `call` in place of the row of the same id, unless that row is newer. */
function replaceCall(data: InfiniteData<Page<CallView>> | undefined, call: CallView): InfiniteData<Page<CallView>> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) =>
      page.items.some((item) => item.id === call.id)
        ? { ...page, items: page.items.map((item) => (item.id === call.id && item.updatedAt <= call.updatedAt ? call : item)) }
        : page,
    ),
  };
}
