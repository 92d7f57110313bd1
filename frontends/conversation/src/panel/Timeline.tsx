import { ApiError, messageOf } from '@conversations/api-client';
import type { CallView } from '@conversations/contracts';
import {
  Icon,
  Notice,
  SkeletonRows,
  Unavailable,
  callDirectionLabel,
  callOutcome,
  formatDuration,
  queryKeys,
  reasonBeyond,
  useApi,
} from '@conversations/ui';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { groupByDay, timeOfDay } from './timeline';
import {
  FIRST_TIMELINE_PAGE,
  flattenTimeline,
  loadTimelinePage,
  nextTimelinePage,
  type TimelineCursor,
  type TimelineMessage,
  type TimelinePage,
  type TimelinePages,
} from './timeline-items';

/** F14–F17: messages and calls in one time-ordered stream grouped by day; older history loads on scroll up, keeping the view still. */
export function Timeline({ contactId, timeZone }: { contactId: string; timeZone: string }) {
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
      <Unavailable what="Messages" detail="The message history cannot be loaded right now (the messaging service is not available)." />
    );

  return (
    <div
      className="cv-scroll conversation-timeline"
      ref={scrollRef}
      onScroll={onScroll}
      data-testid="timeline"
      aria-label="Messages and calls"
      role="log"
    >
      {query.isPending ? <SkeletonRows count={4} /> : null}
      {query.isError ? <Notice kind="error">{messageOf(query.error)}</Notice> : null}
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
              <MessageBubble key={entry.id} message={entry.message} timeZone={timeZone} />
            ) : (
              <CallEntry key={entry.id} call={entry.call} at={entry.at} timeZone={timeZone} />
            ),
          )}
        </section>
      ))}
    </div>
  );
}

function MessageBubble({ message, timeZone }: { message: TimelineMessage; timeZone: string }) {
  const outgoing = message.direction === 'outbound';
  const failed = message.status === 'failed' || message.status === 'undelivered';
  return (
    <div
      className={`conversation-message conversation-message--${outgoing ? 'out' : 'in'}`}
      data-status={message.status}
      data-testid="message"
      data-message-id={message.id}
    >
      <div className={`conversation-bubble${failed ? ' conversation-bubble--failed' : ''}`}>{message.body}</div>
      <div className="conversation-meta">
        <span>{outgoing ? 'Outgoing' : 'Incoming'}</span>
        <span aria-hidden="true">·</span>
        <span className="conversation-channel">
          {message.channel === 'whatsapp' ? 'WhatsApp' : message.channel === 'imessage' ? 'iMessage' : 'SMS'}
        </span>
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
  if (message.pending)
    return (
      <span className="conversation-status" title="Sending">
        <Icon name="clock" size={13} title="Sending" />
      </span>
    );
  switch (message.status) {
    case 'delivered':
      return (
        <span className="conversation-status conversation-status--delivered">
          <Icon name="check-double" size={14} title="Delivered" />
        </span>
      );
    case 'sent':
      return (
        <span className="conversation-status">
          <Icon name="check" size={14} title="Sent" />
        </span>
      );
    case 'queued':
      return (
        <span className="conversation-status">
          <Icon name="clock" size={13} title="Queued" />
        </span>
      );
    case 'failed':
    case 'undelivered':
      return (
        <span className="conversation-status conversation-status--failed">
          <Icon name="alert" size={14} title="Failed" />
        </span>
      );
    default:
      return null;
  }
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
        {call.recording ? <RecordingPlayer call={call} /> : null}
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

function outcomeIsVoicemail(call: CallView): boolean {
  return call.direction === 'inbound' && !call.answered;
}

/** Refresh a signed link this long before it expires, so a press on Play never meets an expired one. */
const LINK_MARGIN_MS = 15_000;

/**
 * F17: the recording in a native player. Its address is a short-lived signed link (no token in the page's
 * audio requests), fetched when the entry shows; `preload="none"` downloads nothing until Play, and the
 * link serves HTTP Range, so seeking works. An expired link is fetched again and playback resumes.
 */
function RecordingPlayer({ call }: { call: CallView }) {
  const api = useApi();
  const audioRef = useRef<HTMLAudioElement>(null);
  const resume = useRef<{ at: number } | null>(null);
  const link = useQuery({
    queryKey: queryKeys.recordingLink(call.id),
    queryFn: () => api.recordingLink(call.id),
    staleTime: (query) => (query.state.data ? Math.max(0, Date.parse(query.state.data.expiresAt) - Date.now() - LINK_MARGIN_MS) : 0),
  });
  const url = link.data?.url;

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio || !url || !resume.current) return;
    const { at } = resume.current;
    resume.current = null;
    audio.currentTime = at;
    void audio.play().catch(() => undefined);
  }, [url]);

  const onError = () => {
    const audio = audioRef.current;
    if (!audio || !link.data) return;
    if (Date.parse(link.data.expiresAt) - LINK_MARGIN_MS > Date.now()) return; // not an expiry: the browser shows its own error
    resume.current = { at: audio.currentTime };
    void link.refetch();
  };

  const label = `Recording of the ${call.direction === 'inbound' ? 'incoming' : 'outgoing'} call${call.recording ? `, ${formatDuration(call.recording.durationSeconds)}` : ''}`;
  if (link.isError)
    return (
      <div className="conversation-call-recording conversation-call-reason">
        {link.error instanceof ApiError && link.error.status === 404
          ? 'The recording is not available yet.'
          : `Recording unavailable: ${messageOf(link.error)}`}
      </div>
    );
  return (
    <div className="conversation-call-recording">
      <small className="conversation-call-reason">
        {outcomeIsVoicemail(call) ? 'Voicemail' : 'Recording'}
        {call.recording ? ` · ${formatDuration(call.recording.durationSeconds)}` : ''}
      </small>
      <audio ref={audioRef} controls preload="none" src={url} aria-label={label} data-testid="recording" onError={onError} />
    </div>
  );
}
