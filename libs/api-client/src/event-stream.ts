import type { AnyDomainEvent, AppointmentEventTypes, DomainEventType, MessagingEventTypes } from '@conversations/contracts';

export type DomainEventListener = (event: AnyDomainEvent) => void;

interface Stream {
  source: EventSource;
  listeners: Set<DomainEventListener>;
}

/** One EventSource per (gateway, token) on the page, shared by every panel that listens. */
const streams = new Map<string, Stream>();

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
  'evt.appointments.created',
  'evt.appointments.rescheduled',
  'evt.appointments.status-changed',
  'evt.appointments.cancelled',
  'evt.appointments.updated',
  'evt.calls.created',
  'evt.calls.updated',
]);

export function subscribeToEvents(apiBaseUrl: string, token: string, listener: DomainEventListener): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const key = `${apiBaseUrl} ${token}`;
  let stream = streams.get(key);
  if (!stream) {
    // EventSource cannot send headers: the events route alone takes the token as a query parameter.
    const source = new EventSource(`${apiBaseUrl}/api/v1/events?access_token=${encodeURIComponent(token)}`);
    const created: Stream = { source, listeners: new Set() };
    const deliver = (message: MessageEvent<string>) => {
      let event: AnyDomainEvent;
      try {
        event = JSON.parse(message.data) as AnyDomainEvent;
      } catch {
        return;
      }
      for (const each of [...created.listeners]) each(event);
    };
    for (const type of PANEL_EVENT_TYPES) source.addEventListener(type, deliver as EventListener);
    source.onmessage = deliver;
    stream = created;
    streams.set(key, stream);
  }
  const active = stream;
  active.listeners.add(listener);
  return () => {
    active.listeners.delete(listener);
    if (active.listeners.size === 0) {
      active.source.close();
      streams.delete(key);
    }
  };
}
