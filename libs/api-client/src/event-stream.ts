import type { CallEventType, ContactEventType, DomainEvent, MessagingEventType } from '@conversations/contracts';

export type DomainEventListener = (event: DomainEvent) => void;

interface Stream {
  source: EventSource;
  listeners: Set<DomainEventListener>;
}

/** One EventSource per (gateway, token) on the page, shared by every panel that listens. */
const streams = new Map<string, Stream>();

/** Event types the panels react to; EventSource needs each named event registered. */
const EVENT_TYPES = [
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
] satisfies (ContactEventType | MessagingEventType | CallEventType | `evt.appointments.${string}`)[];

export function subscribeToEvents(apiBaseUrl: string, token: string, listener: DomainEventListener): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const key = `${apiBaseUrl} ${token}`;
  let stream = streams.get(key);
  if (!stream) {
    // EventSource cannot send headers: the events route alone takes the token as a query parameter.
    const source = new EventSource(`${apiBaseUrl}/api/v1/events?access_token=${encodeURIComponent(token)}`);
    const created: Stream = { source, listeners: new Set() };
    const deliver = (message: MessageEvent<string>) => {
      let event: DomainEvent;
      try {
        event = JSON.parse(message.data) as DomainEvent;
      } catch {
        return;
      }
      for (const each of [...created.listeners]) each(event);
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, deliver as EventListener);
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
