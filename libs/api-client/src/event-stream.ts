import type { AnyDomainEvent, AppointmentEventTypes, DomainEventType, MessagingEventTypes } from '@conversations/contracts';

export type DomainEventListener = (event: AnyDomainEvent) => void;

interface Stream {
  source: EventSource | null;
  listeners: Set<DomainEventListener>;
  closed: boolean;
}

/** Who listens: the gateway, the account, and the fixed token or the host's getToken callback. */
export interface StreamConnection {
  apiBaseUrl: string;
  tenantId?: string;
  credentials: string | ((options: { forceRefresh: boolean }) => Promise<string>);
  getToken: (options: { forceRefresh: boolean }) => Promise<string>;
}

/** One EventSource per (gateway, account, credentials) on the page, shared by every panel that listens. */
const streams = new Map<string, Map<StreamConnection['credentials'], Stream>>();

/** The pause before a stream the gateway refused (e.g. an expired token) is opened again with a fresh token. */
const REOPEN_DELAY_MS = 2_000;

/** Server-side facts no panel shows: the send worker's work item and calendar settings. */
type UnlistenedEventType =
  typeof MessagingEventTypes.messageQueued | typeof AppointmentEventTypes.calendarCreated | typeof AppointmentEventTypes.calendarUpdated;
type PanelEventType = Exclude<DomainEventType, UnlistenedEventType>;

/**
 * Every one of `Types`: the list does not compile when it misses a type or names one that is
 * not in `Types`, so a new domain event is either listed here or declared unlistened above.
 */
function everyOf<Types extends string>() {
  return <const List extends readonly Types[]>(list: List & ([Exclude<Types, List[number]>] extends [never] ? unknown : never)): List =>
    list;
}

/**
 * Event types the panels react to; EventSource needs each named event registered. Written out rather
 * than read from contracts' constants: this module reaches the browser, and contracts' runtime
 * (class-validator DTOs) must not.
 */
const PANEL_EVENT_TYPES = everyOf<PanelEventType>()([
  'evt.contacts.created',
  'evt.contacts.updated',
  'evt.contacts.deleted',
  'evt.contacts.tags-changed',
  'evt.contacts.disposition-changed',
  'evt.contacts.dnd-changed',
  'evt.contacts.assigned',
  'evt.contacts.note-added',
  'evt.contacts.note-edited',
  'evt.contacts.note-deleted',
  'evt.contacts.tag-catalogue-changed',
  'evt.contacts.disposition-catalogue-changed',
  'evt.messaging.message-created',
  'evt.messaging.message-status-changed',
  'evt.messaging.conversation-updated',
  'evt.messaging.message-scheduled',
  'evt.messaging.message-updated',
  'evt.messaging.message-canceled',
  'evt.appointments.created',
  'evt.appointments.rescheduled',
  'evt.appointments.status-changed',
  'evt.appointments.cancelled',
  'evt.appointments.updated',
  'evt.calls.created',
  'evt.calls.updated',
]);

export function subscribeToEvents(connection: StreamConnection, listener: DomainEventListener): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const key = `${connection.apiBaseUrl} ${connection.tenantId ?? ''}`;
  const byCredentials = streams.get(key) ?? new Map<StreamConnection['credentials'], Stream>();
  streams.set(key, byCredentials);
  let stream = byCredentials.get(connection.credentials);
  if (!stream) {
    stream = { source: null, listeners: new Set(), closed: false };
    byCredentials.set(connection.credentials, stream);
    void open(connection, stream, false);
  }
  const active = stream;
  active.listeners.add(listener);
  return () => {
    active.listeners.delete(listener);
    if (active.listeners.size === 0) {
      active.closed = true;
      active.source?.close();
      byCredentials.delete(connection.credentials);
      if (byCredentials.size === 0) streams.delete(key);
    }
  };
}

/**
 * Opens the stream. EventSource reconnects by itself after a dropped connection, but not after the
 * gateway refused it (a 401 once the token expired): then it is opened again with a fresh token.
 */
async function open(connection: StreamConnection, stream: Stream, forceRefresh: boolean): Promise<void> {
  let token: string;
  try {
    token = await connection.getToken({ forceRefresh });
  } catch {
    if (!stream.closed) setTimeout(() => void open(connection, stream, true), REOPEN_DELAY_MS);
    return;
  }
  if (stream.closed) return;
  // EventSource cannot send headers: the events route alone takes the token (and account) as query parameters.
  const tenant = connection.tenantId ? `&tenant=${encodeURIComponent(connection.tenantId)}` : '';
  const source = new EventSource(`${connection.apiBaseUrl}/api/v1/events?access_token=${encodeURIComponent(token)}${tenant}`);
  stream.source = source;
  const deliver = (message: MessageEvent<string>) => {
    let event: AnyDomainEvent;
    try {
      event = JSON.parse(message.data) as AnyDomainEvent;
    } catch {
      return;
    }
    for (const each of [...stream.listeners]) each(event);
  };
  for (const type of PANEL_EVENT_TYPES) source.addEventListener(type, deliver as EventListener);
  source.onmessage = deliver;
  source.onerror = () => {
    if (source.readyState !== EventSource.CLOSED || stream.closed || typeof connection.credentials !== 'function') return;
    setTimeout(() => void open(connection, stream, true), REOPEN_DELAY_MS);
  };
}
