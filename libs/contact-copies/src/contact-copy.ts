import type { ContactView } from '@conversations/contracts';
import { personSearchKeys, type PersonSearchKeys } from '@conversations/person-search';

/** The denormalised contact a conversation or call carries, with the keys its tab searches (F7, F9: the same rules as F2). */
export interface ContactCopy extends PersonSearchKeys {
  contact: { fullName: string; phone: string | null };
}

/** A ContactCopy's fields in a mongoose schema definition (spread in, like OUTBOX_FIELD). */
export const CONTACT_COPY_FIELDS = {
  contact: { fullName: { type: String, default: '' }, phone: { type: String, default: null } },
  searchKeys: { type: [String], default: [] },
  phoneDigitsReversed: { type: String, default: null },
};

/** A contact without a name shows as its phone number. */
export function contactCopyOf(contact: Pick<ContactView, 'fullName' | 'phone'>): ContactCopy {
  return {
    contact: { fullName: contact.fullName || contact.phone || '', phone: contact.phone },
    ...personSearchKeys(contact.fullName, contact.phone),
  };
}
