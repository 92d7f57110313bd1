import type { ContactListItem, ContactView, DispositionView, TagView } from '@conversations/contracts';
import { personSearchKeys } from '@conversations/person-search';
import type { ContactDocument } from './contact.schema';

export function listItemOf(contact: ContactDocument): ContactListItem {
  return {
    id: String(contact._id),
    firstName: contact.firstName,
    lastName: contact.lastName,
    fullName: contact.fullName,
    phone: contact.phone,
    createdAt: contact.createdAt.toISOString(),
  };
}

export function viewOf(contact: ContactDocument, tags: TagView[], disposition: DispositionView | null): ContactView {
  return {
    ...listItemOf(contact),
    email: contact.email,
    company: contact.company,
    address: contact.address,
    timeZone: contact.timeZone,
    dateOfBirth: contact.dateOfBirth,
    source: contact.source,
    customFields: contact.customFields ?? {},
    tags,
    disposition,
    dnd: contact.dnd,
    dndHistory: contact.dndHistory ?? [],
    assignment: { type: contact.assignment?.type ?? 'unassigned', userId: contact.assignment?.userId ?? null },
    updatedAt: contact.updatedAt.toISOString(),
  };
}

export function fullNameOf(firstName: string | null, lastName: string | null): string {
  return [firstName, lastName].filter(Boolean).join(' ');
}

/** Fields stored only to serve search (F2) and display; recomputed on every write of name or phone. */
export function derivedFields(firstName: string | null, lastName: string | null, phone: string | null) {
  const fullName = fullNameOf(firstName, lastName);
  return { fullName, ...personSearchKeys(fullName, phone) };
}
