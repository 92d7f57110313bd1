import type { AssignmentType } from './contact.dto';

export interface Address {
  line1?: string | null;
  line2?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

export interface DndSettings {
  all: boolean;
  email: boolean;
  sms: boolean;
  calls: boolean;
  inboundCallsAndSms: boolean;
}
export type DndChannel = keyof DndSettings;

/** One consent change: who or what changed DND, when, and how (F25 "when and how consent changed"). */
export interface DndChange {
  at: string;
  source: 'user' | 'inbound-keyword' | 'import' | 'system';
  by: string;
  keyword?: string;
  changes: Partial<DndSettings>;
}

export interface Assignment {
  type: AssignmentType;
  userId: string | null;
}

export interface TagView {
  id: string;
  name: string;
  color: string | null;
}

export interface DispositionView {
  id: string;
  name: string;
}

export interface ContactView {
  id: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string;
  /** E.164, e.g. +14155550100 */
  phone: string | null;
  email: string | null;
  company: string | null;
  address: Address | null;
  timeZone: string | null;
  dateOfBirth: string | null;
  source: string | null;
  customFields: Record<string, string | number | boolean | null>;
  tags: TagView[];
  disposition: DispositionView | null;
  dnd: DndSettings;
  dndHistory: DndChange[];
  assignment: Assignment;
  createdAt: string;
  updatedAt: string;
}

/** The row the Contacts tab shows (F1): small, so a page is cheap. */
export type ContactListItem = Pick<ContactView, 'id' | 'firstName' | 'lastName' | 'fullName' | 'phone' | 'createdAt'>;

export interface NoteView {
  id: string;
  contactId: string;
  body: string;
  preview: string;
  authorId: string;
  createdAt: string;
  updatedAt: string;
}

/** `admin` manages the account (catalogues, calendars, webhooks, team); `agent` works the inbox. */
export type TeamRole = 'admin' | 'agent';

export interface TeamMemberView {
  /** The user id: the `sub` of their access token, the same in every tenant they belong to. */
  id: string;
  name: string;
  email: string;
  phone: string | null;
  timeZone: string;
  role: TeamRole;
}

/**
 * The stored key of a user's membership of one tenant: a user of several tenants has one team record in
 * each, and the key makes the lookup of (tenant, user) a point read by `_id`. A tenant id has no `:`.
 */
export const teamMemberKey = (tenantId: string, userId: string): string => `${tenantId}:${userId}`;

export interface FindOrCreateResult {
  contact: ContactView;
  created: boolean;
}

/** Payloads of `evt.contacts.*`. `before`/`after` hold only what changed. */
export interface ContactChangedEventData {
  contactId: string;
  before: Partial<ContactView>;
  after: Partial<ContactView>;
  /** Denormalised keys other services keep for search (Chat and Calls tabs). */
  contact: Pick<ContactView, 'id' | 'firstName' | 'lastName' | 'fullName' | 'phone'>;
}

/** Payload of `evt.contacts.dnd-changed`: the change also carries its consent-history entry (F25). */
export interface DndChangedEventData extends ContactChangedEventData {
  change: DndChange;
}

export interface NoteEventData {
  contactId: string;
  noteId: string;
  before: Partial<NoteView>;
  after: Partial<NoteView>;
}

export interface CatalogueEventData {
  change: 'created' | 'renamed' | 'updated' | 'deleted';
  id: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}
