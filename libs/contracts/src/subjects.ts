/**
 * Every NATS subject in the system. Request/reply subjects are verbs on nouns; events are past-tense facts.
 * Nothing outside this file writes a subject string.
 */
export const ContactsSubjects = {
  create: 'contacts.create',
  get: 'contacts.get',
  list: 'contacts.list',
  update: 'contacts.update',
  delete: 'contacts.delete',
  findOrCreateByPhone: 'contacts.find-or-create-by-phone',
  setTags: 'contacts.set-tags',
  setDisposition: 'contacts.set-disposition',
  updateDnd: 'contacts.update-dnd',
  assign: 'contacts.assign',
  notesList: 'contacts.notes.list',
  notesCreate: 'contacts.notes.create',
  notesUpdate: 'contacts.notes.update',
  notesDelete: 'contacts.notes.delete',
  tagsList: 'contacts.tags.list',
  tagsCreate: 'contacts.tags.create',
  tagsUpdate: 'contacts.tags.update',
  tagsDelete: 'contacts.tags.delete',
  dispositionsList: 'contacts.dispositions.list',
  dispositionsCreate: 'contacts.dispositions.create',
  dispositionsUpdate: 'contacts.dispositions.update',
  dispositionsDelete: 'contacts.dispositions.delete',
  teamMembersList: 'contacts.team-members.list',
  teamMembersGet: 'contacts.team-members.get',
} as const;

/** The four operations of a tenant-configurable catalogue (tags F28, dispositions F27). */
export interface CatalogueSubjectSet {
  list: string;
  create: string;
  update: string;
  delete: string;
}

/** Each catalogue's subjects named by operation, so one controller serves both. */
export const CatalogueSubjects = {
  tags: {
    list: ContactsSubjects.tagsList,
    create: ContactsSubjects.tagsCreate,
    update: ContactsSubjects.tagsUpdate,
    delete: ContactsSubjects.tagsDelete,
  },
  dispositions: {
    list: ContactsSubjects.dispositionsList,
    create: ContactsSubjects.dispositionsCreate,
    update: ContactsSubjects.dispositionsUpdate,
    delete: ContactsSubjects.dispositionsDelete,
  },
} as const satisfies Record<string, CatalogueSubjectSet>;
export type CatalogueKind = keyof typeof CatalogueSubjects;

/** The JetStream stream that durably holds every domain event. */
export const EVENTS_STREAM = 'EVENTS';
export const EVENTS_STREAM_SUBJECTS = ['evt.>'];

/** Event types: `evt.<domain>.<fact>`. On the wire the tenant id is appended as a fourth token. */
export const ContactEventTypes = {
  created: 'evt.contacts.created',
  updated: 'evt.contacts.updated',
  deleted: 'evt.contacts.deleted',
  tagsChanged: 'evt.contacts.tags-changed',
  dispositionChanged: 'evt.contacts.disposition-changed',
  dndChanged: 'evt.contacts.dnd-changed',
  assigned: 'evt.contacts.assigned',
  noteAdded: 'evt.contacts.note-added',
  noteEdited: 'evt.contacts.note-edited',
  noteDeleted: 'evt.contacts.note-deleted',
  tagCatalogueChanged: 'evt.contacts.tag-catalogue-changed',
  dispositionCatalogueChanged: 'evt.contacts.disposition-catalogue-changed',
} as const;
export type ContactEventType = (typeof ContactEventTypes)[keyof typeof ContactEventTypes];

/** The appointments service: calendars, booking (conflict-checked), a contact's appointments (F30). */
export const AppointmentsSubjects = {
  calendarsList: 'appointments.calendars.list',
  calendarsCreate: 'appointments.calendars.create',
  calendarsGet: 'appointments.calendars.get',
  calendarsUpdate: 'appointments.calendars.update',
  freeSlots: 'appointments.calendars.free-slots',
  listForContact: 'appointments.list-for-contact',
  create: 'appointments.create',
  get: 'appointments.get',
  update: 'appointments.update',
  cancel: 'appointments.cancel',
} as const;

export const AppointmentEventTypes = {
  created: 'evt.appointments.created',
  rescheduled: 'evt.appointments.rescheduled',
  statusChanged: 'evt.appointments.status-changed',
  cancelled: 'evt.appointments.cancelled',
  /** Title, notes, assignee or meeting link changed. */
  updated: 'evt.appointments.updated',
  calendarCreated: 'evt.appointments.calendar-created',
  calendarUpdated: 'evt.appointments.calendar-updated',
} as const;
export type AppointmentEventType = (typeof AppointmentEventTypes)[keyof typeof AppointmentEventTypes];

/** The messaging service: sender numbers, conversations, messages, carrier webhooks (F6, F7, F11, F16, F18, F21–F25, F31, F32, F40). */
export const MessagingSubjects = {
  send: 'messaging.send',
  messagesList: 'messaging.messages.list',
  retry: 'messaging.messages.retry',
  /** F38: the tenant's scheduled messages that have not gone yet (optionally one contact's), soonest first. */
  scheduledList: 'messaging.scheduled.list',
  /** F38: a scheduled message's text, time or cancel-if-replied, while it has not gone. */
  scheduledUpdate: 'messaging.scheduled.update',
  /** F38: cancel a scheduled message (again: the same answer) until it goes. */
  scheduledCancel: 'messaging.scheduled.cancel',
  conversationsList: 'messaging.conversations.list',
  conversationsMarkRead: 'messaging.conversations.mark-read',
  smsFromGet: 'messaging.sms-from.get',
  smsFromSet: 'messaging.sms-from.set',
  numbersList: 'messaging.numbers.list',
  /** Which tenant owns one of our numbers (tenant-free: for carrier webhooks that name only the number). */
  numbersResolve: 'messaging.numbers.resolve',
  /** Carrier webhooks, verified by the gateway; the tenant is resolved from our receiving/sending number. */
  carrierStatus: 'messaging.carrier.status',
  carrierInbound: 'messaging.carrier.inbound',
} as const;

export const MessagingEventTypes = {
  messageCreated: 'evt.messaging.message-created',
  /** The send worker's work item (durable consumer `messaging-sender`); published on send and on retry. */
  messageQueued: 'evt.messaging.message-queued',
  messageStatusChanged: 'evt.messaging.message-status-changed',
  conversationUpdated: 'evt.messaging.conversation-updated',
  /** F38: a message was stored to be sent later (beside its message-created, status scheduled). */
  messageScheduled: 'evt.messaging.message-scheduled',
  /** F38: a scheduled message's text, time or cancel-if-replied changed before it went. */
  messageUpdated: 'evt.messaging.message-updated',
  /** F38: a scheduled message will not go (beside its message-status-changed to canceled); the reason is in `message.schedule`. */
  messageCanceled: 'evt.messaging.message-canceled',
} as const;
export type MessagingEventType = (typeof MessagingEventTypes)[keyof typeof MessagingEventTypes];

/** The calls service: click-to-call, call records, recordings, carrier voice webhooks (F8, F9, F13, F14, F17, F32). */
export const CallsSubjects = {
  start: 'calls.start',
  list: 'calls.list',
  /** One contact's calls, newest first, by the same (startedAt, _id) cursor as messages: the timeline merges the two. */
  listForContact: 'calls.list-for-contact',
  get: 'calls.get',
  recordingSource: 'calls.recording-source',
  /** Carrier webhooks, verified by the gateway; the tenant is resolved from the call or our number. */
  carrierAnswer: 'calls.carrier.answer',
  carrierStatus: 'calls.carrier.status',
  carrierRecording: 'calls.carrier.recording',
} as const;

export const CallEventTypes = {
  created: 'evt.calls.created',
  /** Status, duration, answered or recording changed. */
  updated: 'evt.calls.updated',
} as const;
export type CallEventType = (typeof CallEventTypes)[keyof typeof CallEventTypes];

/** The webhooks service: tenants' endpoints, signed deliveries with retries, resend and replay (F33). */
export const WebhooksSubjects = {
  endpointsList: 'webhooks.endpoints.list',
  endpointsCreate: 'webhooks.endpoints.create',
  endpointsGet: 'webhooks.endpoints.get',
  endpointsUpdate: 'webhooks.endpoints.update',
  endpointsDelete: 'webhooks.endpoints.delete',
  endpointsRotateSecret: 'webhooks.endpoints.rotate-secret',
  endpointsSendTest: 'webhooks.endpoints.send-test',
  deliveriesList: 'webhooks.deliveries.list',
  deliveriesGet: 'webhooks.deliveries.get',
  deliveriesResend: 'webhooks.deliveries.resend',
  deliveriesReplay: 'webhooks.deliveries.replay',
} as const;

/**
 * Payload: WebhookEndpointDisabledEventData (webhooks/views.ts). It joins DomainEventPayloads (events.ts)
 * with the settings page, in the same change that lists it in the browser's event stream (libs/api-client).
 */
export const WebhookEventTypes = {
  /** The service disabled an endpoint that kept failing (WEBHOOK_DISABLE_AFTER_MS and _FAILURES). */
  endpointDisabled: 'evt.webhooks.endpoint-disabled',
} as const;
export type WebhookEventTypeName = (typeof WebhookEventTypes)[keyof typeof WebhookEventTypes];

/** The subject an event of `type` for `tenantId` is published on. */
export function eventSubject(type: string, tenantId: string): string {
  return `${type}.${tenantId}`;
}

/** Filter that matches every event of one tenant (tenant id is the fourth token). */
export function tenantEventsFilter(tenantId: string): string {
  return `evt.*.*.${tenantId}`;
}
