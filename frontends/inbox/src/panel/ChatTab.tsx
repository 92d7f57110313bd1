import { ApiError } from '@conversations/api-client';
import type { ConversationView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import {
  Avatar,
  EmptyState,
  Icon,
  QueryError,
  SkeletonRows,
  Unavailable,
  contactLabel,
  formatListTime,
  useMe,
  usePanelProps,
} from '@conversations/ui';
import { useState } from 'react';
import { useDebouncedSearch } from './debounce';
import { conversationList } from './inbox-lists';
import { InfiniteList } from './InfiniteList';
import { SearchBox } from './SearchBox';
import { useMarkOpenConversationRead, useMarkRead } from './use-mark-read';
import { usePagedList } from './use-paged-list';

/** F6, F7, F11: recent SMS conversations, newest activity first, with unread badges. */
export function ChatTab({ active }: { active: boolean }) {
  const { contactId } = usePanelProps();
  const [typed, setTyped] = useState('');
  const search = useDebouncedSearch(typed);
  const me = useMe();
  const { query, items: conversations } = usePagedList({ list: conversationList, filter: { search }, enabled: active || search !== '' });
  const markRead = useMarkRead();
  useMarkOpenConversationRead(conversations, contactId, markRead);

  const open = (conversation: ConversationView) => {
    panelBus().publish('contact-selected', { contactId: conversation.contactId });
    markRead(conversation);
  };

  if (query.error instanceof ApiError && query.error.isUnavailable)
    return (
      <Unavailable
        what="Chat"
        detail="SMS conversations cannot be loaded right now (the messaging service is not available)."
        onRetry={() => void query.refetch()}
      />
    );

  return (
    <>
      <SearchBox placeholder="Search SMS…" value={typed} onChange={setTyped} busy={query.isFetching && !query.isFetchingNextPage} />
      {query.isError ? (
        <div className="inbox-error">
          <QueryError query={query} />
        </div>
      ) : null}
      {query.isPending ? (
        <SkeletonRows />
      ) : !conversations.length ? (
        query.isError ? null : (
          <EmptyState title={search ? 'No conversations match' : 'No SMS conversations yet'} />
        )
      ) : (
        <InfiniteList<ConversationView>
          label="SMS conversations"
          items={conversations}
          rowHeight={72}
          active={active}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={() => void query.fetchNextPage()}
          renderRow={(conversation) => (
            <ConversationRow
              conversation={conversation}
              current={conversation.contactId === contactId}
              timeZone={me.data?.timeZone}
              onOpen={() => open(conversation)}
            />
          )}
        />
      )}
    </>
  );
}

/** One conversation: name, time of the last message, its direction and preview, and the unread badge. */
function ConversationRow({
  conversation,
  current,
  timeZone,
  onOpen,
}: {
  conversation: ConversationView;
  current: boolean;
  timeZone: string | undefined;
  onOpen: () => void;
}) {
  const incoming = conversation.lastMessageDirection === 'inbound';
  return (
    <button
      type="button"
      className="inbox-row inbox-row--tall"
      aria-current={current ? 'true' : undefined}
      data-contact-id={conversation.contactId}
      onClick={onOpen}
    >
      <Avatar name={conversation.contact.fullName} />
      <span className="inbox-row-text">
        <span className="inbox-row-line">
          <span className="inbox-row-title">{contactLabel(conversation.contact)}</span>
          {conversation.lastMessageAt ? (
            <time className="inbox-row-time">{formatListTime(conversation.lastMessageAt, timeZone)}</time>
          ) : null}
        </span>
        <span className="inbox-row-line">
          <span className={`inbox-direction inbox-direction--${incoming ? 'in' : 'out'}`} title={incoming ? 'Incoming' : 'Outgoing'}>
            <Icon name={incoming ? 'arrow-in' : 'arrow-out'} size={14} title={incoming ? 'Incoming' : 'Outgoing'} />
          </span>
          <span className="inbox-row-sub inbox-preview">{conversation.lastMessagePreview ?? ''}</span>
          {conversation.unreadCount > 0 ? (
            <span className="cv-badge" aria-label={`${conversation.unreadCount} unread`}>
              {conversation.unreadCount}
            </span>
          ) : null}
        </span>
      </span>
    </button>
  );
}
