import type { ContactListItem } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { Avatar, EmptyState, QueryError, SkeletonRows, contactLabel, formatPhone, usePanelProps } from '@conversations/ui';
import { useState } from 'react';
import { useDebouncedSearch } from './debounce';
import { contactList } from './inbox-lists';
import { InfiniteList } from './InfiniteList';
import { SearchBox } from './SearchBox';
import { usePagedList } from './use-paged-list';

/** F1–F5: contacts newest first, searchable, paged by cursor, deep-linked contact pinned first. */
export function ContactsTab({ active }: { active: boolean }) {
  const { contactId } = usePanelProps();
  const [typed, setTyped] = useState('');
  const q = useDebouncedSearch(typed);
  // F5: only the contact of the link the page opened with is pinned; later clicks do not reorder the list.
  const [pinned] = useState(() => contactId ?? null);
  const { query, items: contacts } = usePagedList({ list: contactList, filter: { q, pinned: q ? null : pinned } });

  return (
    <>
      <SearchBox placeholder="Search contacts…" value={typed} onChange={setTyped} busy={query.isFetching && !query.isFetchingNextPage} />
      {query.isError ? (
        <div className="inbox-error">
          <QueryError query={query} />
        </div>
      ) : null}
      {query.isPending ? (
        <SkeletonRows />
      ) : !contacts.length ? (
        query.isError ? null : (
          <EmptyState title={q ? 'No contacts match' : 'No contacts yet'}>{q ? `Nothing matches “${q}”.` : undefined}</EmptyState>
        )
      ) : (
        <InfiniteList<ContactListItem>
          label="Contacts"
          items={contacts}
          rowHeight={60}
          active={active}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={() => void query.fetchNextPage()}
          renderRow={(contact) => (
            <button
              type="button"
              className="inbox-row"
              aria-current={contact.id === contactId ? 'true' : undefined}
              data-contact-id={contact.id}
              onClick={() => panelBus().publish('contact-selected', { contactId: contact.id })}
            >
              <Avatar name={contact.fullName} />
              <span className="inbox-row-text">
                <span className="inbox-row-title">{contactLabel(contact)}</span>
                <span className="inbox-row-sub">{formatPhone(contact.phone) || 'No phone number'}</span>
              </span>
            </button>
          )}
        />
      )}
    </>
  );
}
