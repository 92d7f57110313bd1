import type { ContactView, ConversationView } from '@conversations/contracts';
import { digitsReversed, searchWords } from '@conversations/person-search';
import type { ConversationDocument } from './conversation.schema';

export function conversationViewOf(conversation: ConversationDocument): ConversationView {
  const hasMessages = conversation.listed && conversation.lastMessageAt.getTime() > 0;
  return {
    id: String(conversation._id),
    contactId: String(conversation.contactId),
    contact: { fullName: conversation.contact?.fullName ?? '', phone: conversation.contact?.phone ?? null },
    lastMessageAt: hasMessages ? conversation.lastMessageAt.toISOString() : null,
    lastMessagePreview: conversation.lastMessagePreview,
    lastMessageDirection: conversation.lastMessageDirection,
    unreadCount: conversation.unreadCount,
    smsFrom: conversation.smsFrom,
  };
}

/** The denormalised contact fields and the keys the Chat tab searches (F7: the same rules as F2). */
export function contactCopyOf(
  contact: Pick<ContactView, 'fullName' | 'phone'>,
): Pick<ConversationDocument, 'contact' | 'searchKeys' | 'phoneDigitsReversed'> {
  const fullName = contact.fullName || contact.phone || '';
  return {
    contact: { fullName, phone: contact.phone },
    searchKeys: searchWords(contact.fullName ?? ''),
    phoneDigitsReversed: contact.phone ? digitsReversed(contact.phone) : null,
  };
}
