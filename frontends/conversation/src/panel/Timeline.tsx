import { ApiError, messageOf } from '@conversations/api-client';
import type { MessageView } from '@conversations/contracts';
import { Icon, Notice, SkeletonRows, Unavailable, useApi } from '@conversations/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { groupByDay, timeOfDay } from './timeline';

export const messagesKey = (contactId: string) => ['messages', contactId] as const;

/** A message the composer appended before the server answered (F23). */
export type TimelineMessage = MessageView & { pending?: boolean };

/** F14–F16: one time-ordered stream grouped by day; older history loads on scroll up, keeping the view still. */
export function Timeline({ contactId, timeZone }: { contactId: string; timeZone: string }) {
  const api = useApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  const query = useInfiniteQuery({
    queryKey: messagesKey(contactId),
    queryFn: ({ pageParam }) => api.listMessages(contactId, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const messages = useMemo(() => (query.data?.pages.flatMap((page) => page.items) ?? []) as TimelineMessage[], [query.data]);
  const groups = useMemo(() => groupByDay(messages, timeZone), [messages, timeZone]);

  // Keep what the user sees in place when older pages are added above, and follow new messages at the bottom.
  const anchor = useRef<{ height: number; top: number; count: number; atBottom: boolean } | null>(null);
  const pageCount = query.data?.pages.length ?? 0;
  const previousPageCount = useRef(0);
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const before = anchor.current;
    if (!before || before.count === 0) element.scrollTop = element.scrollHeight;
    else if (pageCount > previousPageCount.current) element.scrollTop = before.top + (element.scrollHeight - before.height);
    else if (before.atBottom) element.scrollTop = element.scrollHeight;
    previousPageCount.current = pageCount;
    anchor.current = { height: element.scrollHeight, top: element.scrollTop, count: messages.length, atBottom: true };
  }, [messages, pageCount]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    anchor.current = { height: element.scrollHeight, top: element.scrollTop, count: messages.length, atBottom: element.scrollHeight - element.scrollTop - element.clientHeight < 40 };
    if (element.scrollTop < 80 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  };

  if (query.error instanceof ApiError && query.error.isUnavailable)
    return <Unavailable what="Messages" detail="The message history cannot be loaded right now (the messaging service is not available)." />;

  return (
    <div className="cv-scroll conversation-timeline" ref={scrollRef} onScroll={onScroll} data-testid="timeline" aria-label="Messages and calls" role="log">
      {query.isPending ? <SkeletonRows count={4} /> : null}
      {query.isError ? <Notice kind="error">{messageOf(query.error)}</Notice> : null}
      {query.isFetchingNextPage ? <div className="conversation-older">Loading older messages…</div> : null}
      {!query.isPending && !query.hasNextPage && messages.length ? <div className="conversation-older">Beginning of the conversation</div> : null}
      {!query.isPending && !messages.length && !query.isError ? <div className="conversation-older">No messages yet. Say hello below.</div> : null}
      {groups.map((group) => (
        <section key={group.day} aria-label={group.label}>
          <h3 className="conversation-day">
            <span>{group.label}</span>
          </h3>
          {group.items.map((message) => (
            <MessageBubble key={message.id} message={message} timeZone={timeZone} />
          ))}
        </section>
      ))}
    </div>
  );
}

function MessageBubble({ message, timeZone }: { message: TimelineMessage; timeZone: string }) {
  const outgoing = message.direction === 'outbound';
  const failed = message.status === 'failed' || message.status === 'undelivered';
  return (
    <div className={`conversation-message conversation-message--${outgoing ? 'out' : 'in'}`} data-status={message.status} data-testid="message">
      <div className={`conversation-bubble${failed ? ' conversation-bubble--failed' : ''}`}>{message.body}</div>
      <div className="conversation-meta">
        <span>{outgoing ? 'Outgoing' : 'Incoming'}</span>
        <span aria-hidden="true">·</span>
        <span className="conversation-channel">{message.channel === 'whatsapp' ? 'WhatsApp' : message.channel === 'imessage' ? 'iMessage' : 'SMS'}</span>
        <span aria-hidden="true">·</span>
        <time dateTime={message.createdAt}>{timeOfDay(message.createdAt, timeZone)}</time>
        {outgoing ? <DeliveryStatus message={message} /> : null}
      </div>
      {failed ? (
        <div className="conversation-failure" role="alert">
          Not delivered{message.failureReason ? `: ${message.failureReason}` : ''}
        </div>
      ) : null}
    </div>
  );
}

function DeliveryStatus({ message }: { message: TimelineMessage }) {
  if (message.pending) return <span className="conversation-status" title="Sending"><Icon name="clock" size={13} title="Sending" /></span>;
  switch (message.status) {
    case 'delivered':
      return <span className="conversation-status conversation-status--delivered"><Icon name="check-double" size={14} title="Delivered" /></span>;
    case 'sent':
      return <span className="conversation-status"><Icon name="check" size={14} title="Sent" /></span>;
    case 'queued':
      return <span className="conversation-status"><Icon name="clock" size={13} title="Queued" /></span>;
    case 'failed':
    case 'undelivered':
      return <span className="conversation-status conversation-status--failed"><Icon name="alert" size={14} title="Failed" /></span>;
    default:
      return null;
  }
}
