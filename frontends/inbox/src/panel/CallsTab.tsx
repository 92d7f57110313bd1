import { ApiError } from '@conversations/api-client';
import type { CallView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import {
  Avatar,
  EmptyState,
  Icon,
  QueryError,
  SkeletonRows,
  Unavailable,
  callDirectionLabel,
  callOutcome,
  contactLabel,
  formatDuration,
  formatListTime,
  useMe,
  usePanelProps,
} from '@conversations/ui';
import { useState } from 'react';
import { useDebouncedSearch } from './debounce';
import { callList } from './inbox-lists';
import { InfiniteList } from './InfiniteList';
import { SearchBox } from './SearchBox';
import { usePagedList } from './use-paged-list';

/** F8, F9, F11: recent calls, newest first: name, date and time, direction, outcome, duration. */
export function CallsTab({ active }: { active: boolean }) {
  const { contactId } = usePanelProps();
  const [typed, setTyped] = useState('');
  const search = useDebouncedSearch(typed);
  const me = useMe();
  const { query, items: calls } = usePagedList({
    list: callList,
    filter: { search },
    // Nothing is asked for until the tab is first opened (F10: only the active tab loads).
    enabled: active || search !== '',
  });

  if (query.error instanceof ApiError && query.error.isUnavailable)
    return (
      <Unavailable
        what="Calls"
        detail="Call history cannot be loaded right now (the calls service is not available)."
        onRetry={() => void query.refetch()}
      />
    );

  return (
    <>
      <SearchBox placeholder="Search calls…" value={typed} onChange={setTyped} busy={query.isFetching && !query.isFetchingNextPage} />
      {query.isError ? (
        <div className="inbox-error">
          <QueryError query={query} />
        </div>
      ) : null}
      {query.isPending ? (
        active ? (
          <SkeletonRows />
        ) : null
      ) : !calls.length ? (
        query.isError ? null : (
          <EmptyState title={search ? 'No calls match' : 'No calls yet'}>{search ? `Nothing matches “${search}”.` : undefined}</EmptyState>
        )
      ) : (
        <InfiniteList<CallView>
          label="Calls"
          items={calls}
          rowHeight={72}
          active={active}
          hasNextPage={query.hasNextPage}
          isFetchingNextPage={query.isFetchingNextPage}
          fetchNextPage={() => void query.fetchNextPage()}
          renderRow={(call) => <CallRow call={call} current={call.contactId === contactId} timeZone={me.data?.timeZone} />}
        />
      )}
    </>
  );
}

export function CallRow({ call, current, timeZone }: { call: CallView; current: boolean; timeZone: string | undefined }) {
  const incoming = call.direction === 'inbound';
  const outcome = callOutcome(call);
  const duration = call.durationSeconds ? formatDuration(call.durationSeconds) : '';
  const direction = callDirectionLabel(call.direction);
  return (
    <button
      type="button"
      className="inbox-row inbox-row--tall"
      aria-current={current ? 'true' : undefined}
      data-contact-id={call.contactId}
      data-call-id={call.id}
      data-tone={outcome.tone}
      onClick={() => panelBus().publish('contact-selected', { contactId: call.contactId })}
    >
      <Avatar name={call.contact.fullName} />
      <span className="inbox-row-text">
        <span className="inbox-row-line">
          <span className="inbox-row-title">{contactLabel(call.contact)}</span>
          <time className="inbox-row-time" dateTime={call.startedAt}>
            {formatListTime(call.startedAt, timeZone)}
          </time>
        </span>
        <span className="inbox-row-line">
          <span className={`inbox-call-icon cv-call-tone--${outcome.tone}`}>
            <Icon name={incoming ? 'phone-incoming' : 'phone-outgoing'} size={14} title={`${direction}, ${outcome.label.toLowerCase()}`} />
          </span>
          <span className="inbox-row-sub inbox-call-text">
            {incoming ? 'Incoming' : 'Outgoing'} ·{' '}
            <span className={`inbox-call-outcome cv-call-tone--${outcome.tone}`}>{outcome.label}</span>
          </span>
          {duration ? <span className="inbox-call-duration">{duration}</span> : null}
        </span>
      </span>
    </button>
  );
}
