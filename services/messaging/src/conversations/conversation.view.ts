import type { ConversationView } from '@conversations/contracts';
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
