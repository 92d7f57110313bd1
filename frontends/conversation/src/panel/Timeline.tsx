import { ApiError } from '@conversations/api-client';
import type { CallView } from '@conversations/contracts';
import {
  Icon,
  QueryError,
  SkeletonRows,
  Unavailable,
  callDirectionLabel,
  callOutcome,
  formatDuration,
  queryKeys,
  reasonBeyond,
  useApi,
} from '@conversations/ui';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { MessageEntry } from './MessageEntry';
import { RecordingPlayer } from './RecordingPlayer';
import type { ScheduleContext } from './schedule-rules';
import { groupByDay, timeOfDay } from './timeline';
import {
  FIRST_TIMELINE_PAGE,
  flattenTimeline,
  loadTimelinePage,
  nextTimelinePage,
  type TimelineCursor,
  type TimelinePage,
  type TimelinePages,
} from './timeline-items';

/** F14–F17: messages and calls in one time-ordered stream grouped by day; older history loads on scroll up, keeping the view still. */
export function Timeline({
  contactId,
  timeZone,
  scheduleContext,
}: {
  contactId: string;
  timeZone: string;
  scheduleContext: ScheduleContext;
}) {
  const api = useApi();
  const scrollRef = useRef<HTMLDivElement>(null);
  const query = useInfiniteQuery<TimelinePage, Error, TimelinePages, ReturnType<typeof queryKeys.timeline>, TimelineCursor>({
    queryKey: queryKeys.timeline(contactId),
    queryFn: ({ pageParam }) => loadTimelinePage(api, contactId, pageParam),
    initialPageParam: FIRST_TIMELINE_PAGE,
    getNextPageParam: nextTimelinePage,
  });
  const entries = useMemo(() => flattenTimeline(query.data), [query.data]);
  const groups = useMemo(() => groupByDay(entries, timeZone), [entries, timeZone]);
  const messagesOnly = query.data?.pages[0]?.source === 'messages';

  // Keep what the user sees in place when older pages are added above, and follow new entries at the bottom.
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
    anchor.current = { height: element.scrollHeight, top: element.scrollTop, count: entries.length, atBottom: true };
  }, [entries, pageCount]);

  const onScroll = () => {
    const element = scrollRef.current;
    if (!element) return;
    anchor.current = {
      height: element.scrollHeight,
      top: element.scrollTop,
      count: entries.length,
      atBottom: element.scrollHeight - element.scrollTop - element.clientHeight < 40,
    };
    if (element.scrollTop < 80 && query.hasNextPage && !query.isFetchingNextPage) void query.fetchNextPage();
  };

  if (query.error instanceof ApiError && query.error.isUnavailable)
    return (
      <Unavailable
        what="Messages"
        detail="The message history cannot be loaded right now (the messaging service is not available)."
        onRetry={() => void query.refetch()}
      />
    );

  return (
    <div
      className="cv-scroll conversation-timeline"
      ref={scrollRef}
      onScroll={onScroll}
      data-testid="timeline"
      aria-label="Messages and calls"
      role="log"
      // Scrollable by keyboard even when nothing in it takes focus (WCAG 2.1.1).
      tabIndex={0}
    >
      {query.isPending ? <SkeletonRows count={4} /> : null}
      {query.isError ? <QueryError query={query} /> : null}
      {query.isFetchingNextPage ? <div className="conversation-older">Loading older messages…</div> : null}
      {!query.isPending && !query.hasNextPage && entries.length ? (
        <div className="conversation-older">Beginning of the conversation</div>
      ) : null}
      {messagesOnly ? <div className="conversation-older">Calls are not shown: call history is unavailable right now.</div> : null}
      {!query.isPending && !entries.length && !query.isError ? (
        <div className="conversation-older">No messages yet. Say hello below.</div>
      ) : null}
      {groups.map((group) => (
        <section key={group.day} aria-label={group.label}>
          <h3 className="conversation-day">
            <span>{group.label}</span>
          </h3>
          {group.items.map((entry) =>
            entry.kind === 'message' ? (
              <MessageEntry key={entry.id} message={entry.message} timeZone={timeZone} scheduleContext={scheduleContext} />
            ) : (
              <CallEntry key={entry.id} call={entry.call} at={entry.at} timeZone={timeZone} />
            ),
          )}
        </section>
      ))}
    </div>
  );
}

/** F17: a call in the timeline: direction, completed or not, duration, and the recording when there is one. */
export function CallEntry({ call, at, timeZone }: { call: CallView; at: string; timeZone: string }) {
  const outgoing = call.direction === 'outbound';
  const outcome = callOutcome(call);
  const duration = call.durationSeconds ? formatDuration(call.durationSeconds) : '';
  const reason = outcome.tone !== 'completed' && outcome.tone !== 'active' ? reasonBeyond(outcome.label, call.outcomeReason) : null;
  return (
    <div
      className={`conversation-message conversation-message--call conversation-message--${outgoing ? 'out' : 'in'}`}
      data-testid="call"
      data-call-id={call.id}
      data-status={call.status}
      data-tone={outcome.tone}
    >
      <div className="conversation-call">
        <div className="conversation-call-main">
          <span className={`conversation-call-icon cv-call-tone--${outcome.tone}`}>
            <Icon name={outgoing ? 'phone-outgoing' : 'phone-incoming'} size={16} />
          </span>
          <div className="conversation-call-text">
            <strong>{callDirectionLabel(call.direction)}</strong>
            <span>
              <span className={`conversation-call-outcome cv-call-tone--${outcome.tone}`}>{outcome.label}</span>
              {duration ? <span className="conversation-call-duration"> · {duration}</span> : null}
            </span>
            {reason ? <small className="conversation-call-reason">{reason}</small> : null}
          </div>
        </div>
        {call.recording ? <RecordingPlayer call={call} recording={call.recording} /> : null}
      </div>
      <div className="conversation-meta">
        <span>{outgoing ? 'Outgoing' : 'Incoming'}</span>
        <span aria-hidden="true">·</span>
        <span>Call</span>
        <span aria-hidden="true">·</span>
        <time dateTime={at}>{timeOfDay(at, timeZone)}</time>
      </div>
    </div>
  );
}
