import type { AppointmentEventData, CalendarEventData } from './appointments/views';
import type { CallEventData } from './calls/views';
import type { CatalogueEventData, ContactChangedEventData, DndChangedEventData, NoteEventData } from './contacts/views';
import type { DomainEvent } from './envelope';
import type { ConversationEventData, MessageEventData, MessageQueuedEventData } from './messaging/views';
import type { AppointmentEventTypes, CallEventTypes, ContactEventTypes, MessagingEventTypes } from './subjects';

/** Every domain event type with the payload its `data` carries. */
export interface DomainEventPayloads {
  [ContactEventTypes.created]: ContactChangedEventData;
  [ContactEventTypes.updated]: ContactChangedEventData;
  [ContactEventTypes.deleted]: ContactChangedEventData;
  [ContactEventTypes.tagsChanged]: ContactChangedEventData;
  [ContactEventTypes.dispositionChanged]: ContactChangedEventData;
  [ContactEventTypes.dndChanged]: DndChangedEventData;
  [ContactEventTypes.assigned]: ContactChangedEventData;
  [ContactEventTypes.noteAdded]: NoteEventData;
  [ContactEventTypes.noteEdited]: NoteEventData;
  [ContactEventTypes.noteDeleted]: NoteEventData;
  [ContactEventTypes.tagCatalogueChanged]: CatalogueEventData;
  [ContactEventTypes.dispositionCatalogueChanged]: CatalogueEventData;

  [AppointmentEventTypes.created]: AppointmentEventData;
  [AppointmentEventTypes.rescheduled]: AppointmentEventData;
  [AppointmentEventTypes.statusChanged]: AppointmentEventData;
  [AppointmentEventTypes.cancelled]: AppointmentEventData;
  [AppointmentEventTypes.updated]: AppointmentEventData;
  [AppointmentEventTypes.calendarCreated]: CalendarEventData;
  [AppointmentEventTypes.calendarUpdated]: CalendarEventData;

  [MessagingEventTypes.messageCreated]: MessageEventData;
  [MessagingEventTypes.messageQueued]: MessageQueuedEventData;
  [MessagingEventTypes.messageStatusChanged]: MessageEventData;
  [MessagingEventTypes.conversationUpdated]: ConversationEventData;
  [MessagingEventTypes.messageScheduled]: MessageEventData;
  [MessagingEventTypes.messageUpdated]: MessageEventData;
  [MessagingEventTypes.messageCanceled]: MessageEventData;

  [CallEventTypes.created]: CallEventData;
  [CallEventTypes.updated]: CallEventData;
}

export type DomainEventType = keyof DomainEventPayloads;

/** One event type with its payload: `event.type` narrows `event.data`. */
export type DomainEventOf<T extends DomainEventType> = Omit<DomainEvent<DomainEventPayloads[T]>, 'type'> & { type: T };

/** Any domain event, discriminated by `type`. */
export type AnyDomainEvent = { [T in DomainEventType]: DomainEventOf<T> }[DomainEventType];

type ValuesOf<T> = T[keyof T];
type DeclaredEventType =
  | ValuesOf<typeof ContactEventTypes>
  | ValuesOf<typeof AppointmentEventTypes>
  | ValuesOf<typeof MessagingEventTypes>
  | ValuesOf<typeof CallEventTypes>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
/** Fails to compile when an event type in subjects.ts has no payload here, or a payload names no event type. */
type _EveryEventTypeHasAPayload = Assert<Same<DeclaredEventType, DomainEventType>>;
