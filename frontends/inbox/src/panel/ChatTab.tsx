import { ApiError, mergePages, messageOf } from '@conversations/api-client';
import type { ConversationView, Page } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { Avatar, EmptyState, Icon, Notice, SkeletonRows, Unavailable, formatListTime, useApi, usePanelProps } from '@conversations/ui';
import { useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useDebouncedSearch } from './debounce';
import { InfiniteList } from './InfiniteList';
import { SearchBox } from './SearchBox';

/** F6, F7, F11: recent SMS conversations, newest activity first, with unread badges. */
export function ChatTab({ active }: { active: boolean }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { contactId } = usePanelProps();
  const [typed, setTyped] = useState('');
  const search = useDebouncedSearch(typed);
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.me(), staleTime: Infinity });
  const query = useInfiniteQuery({
    queryKey: ['conversations', 'list', { search }],
    queryFn: ({ pageParam, signal }) => api.listConversations({ search: search || undefined, cursor: pageParam, limit: 50 }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (previous) => previous,
    enabled: active || search !== '',
  });
  const conversations = mergePages(query.data?.pages);

  // F11: the open contact's conversation counts as read: opened from any tab or a link, or a message
  // arriving while it is open. The badge goes at once; the server's count follows.
  const markedRead = useRef(new Set<string>());
  const markRead = (conversation: ConversationView) => {
    const marker = `${conversation.id}@${conversation.lastMessageAt}`;
    if (conversation.unreadCount === 0 || markedRead.current.has(marker)) return;
    markedRead.current.add(marker);
    queryClient.setQueriesData<InfiniteData<Page<ConversationView>>>({ queryKey: ['conversations', 'list'] }, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === conversation.id ? { ...item, unreadCount: 0 } : item)),
            })),
          }
        : data,
    );
    void api
      .markConversationRead(conversation.id)
      .catch(() => markedRead.current.delete(marker))
      .finally(() => queryClient.invalidateQueries({ queryKey: ['conversations', 'list'] }));
  };
  const openConversation = conversations.find((conversation) => conversation.contactId === contactId && conversation.unreadCount > 0);
  useEffect(() => {
    if (openConversation) markRead(openConversation);
  }, [openConversation?.id, openConversation?.lastMessageAt, openConversation?.unreadCount]);

  const open = (conversation: ConversationView) => {
    panelBus().publish('contact-selected', { contactId: conversation.contactId });
    markRead(conversation);
  };

  if (query.error instanceof ApiError && query.error.isUnavailable)
    return <Unavailable what="Chat" detail="SMS conversations cannot be loaded right now (the messaging service is not available)." />;

  return (
    <>
      <SearchBox placeholder="Search SMS…" value={typed} onChange={setTyped} busy={query.isFetching && !query.isFetchingNextPage} />
      {query.isPending ? (
        <SkeletonRows />
      ) : query.isError && !conversations.length ? (
        <div style={{ padding: 16 }}>
          <Notice kind="error">{messageOf(query.error)}</Notice>
        </div>
      ) : !conversations.length ? (
        <EmptyState title={search ? 'No conversations match' : 'No SMS conversations yet'} />
      ) : (
        <InfiniteList<ConversationView>
          label="SMS conversations"
          items={conversations}
          rowHeight={72}
          active={active}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={() => void query.fetchNextPage()}
          renderRow={(conversation) => {
            const incoming = conversation.lastMessageDirection === 'inbound';
            return (
              <button
                type="button"
                className="inbox-row inbox-row--tall"
                aria-current={conversation.contactId === contactId ? 'true' : undefined}
                data-contact-id={conversation.contactId}
                onClick={() => open(conversation)}
              >
                <Avatar name={conversation.contact.fullName} />
                <span className="inbox-row-text">
                  <span className="inbox-row-line">
                    <span className="inbox-row-title">{conversation.contact.fullName || conversation.contact.phone}</span>
                    {conversation.lastMessageAt ? (
                      <time className="inbox-row-time">{formatListTime(conversation.lastMessageAt, me.data?.timeZone)}</time>
                    ) : null}
                  </span>
                  <span className="inbox-row-line">
                    <span
                      className={`inbox-direction inbox-direction--${incoming ? 'in' : 'out'}`}
                      title={incoming ? 'Incoming' : 'Outgoing'}
                    >
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
          }}
        />
      )}
    </>
  );
}
