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
  ping: 'contacts.ping',
} as const;

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

/** The subject an event of `type` for `tenantId` is published on. */
export function eventSubject(type: string, tenantId: string): string {
  return `${type}.${tenantId}`;
}

/** Filter that matches every event of one tenant (tenant id is the fourth token). */
export function tenantEventsFilter(tenantId: string): string {
  return `evt.*.*.${tenantId}`;
}

/** Recovers the event type from a wire subject (drops the tenant token). */
export function eventTypeOfSubject(subject: string): string {
  return subject.split('.').slice(0, 3).join('.');
}
