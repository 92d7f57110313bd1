import type { ContactView } from '@conversations/contracts';
import { personSearchKeys, type PersonSearchKeys } from '@conversations/person-search';

/** The denormalised contact a conversation or call carries, with the keys its tab searches (F7, F9: the same rules as F2). */
export interface ContactCopy extends PersonSearchKeys {
  contact: { fullName: string; phone: string | null };
}

/** A contact without a name shows as its phone number. */
export function contactCopyOf(contact: Pick<ContactView, 'fullName' | 'phone'>): ContactCopy {
  return {
    contact: { fullName: contact.fullName || contact.phone || '', phone: contact.phone },
    ...personSearchKeys(contact.fullName, contact.phone),
  };
}
