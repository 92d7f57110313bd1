import type { MessageView } from '@conversations/contracts';
import type { MessageDocument } from './message.schema';

export function messageViewOf(message: MessageDocument): MessageView {
  return {
    id: String(message._id),
    contactId: String(message.contactId),
    direction: message.direction,
    channel: message.channel,
    from: message.from,
    to: message.to,
    body: message.body,
    segments: message.segments,
    status: message.status,
    statusTrail: message.statusTrail ?? [],
    failureReason: message.failureReason,
    clientMessageId: message.clientSupplied ? message.clientMessageId : null,
    providerMessageId: message.providerMessageId,
    automated: message.automated,
    silenced: message.silenced,
    sentBy: message.sentBy,
    ...(message.scheduledAt
      ? {
          schedule: {
            scheduledAt: message.scheduledAt.toISOString(),
            cancelIfReplied: message.cancelIfReplied ?? false,
            cancelReason: message.cancelReason ?? null,
          },
        }
      : {}),
    createdAt: message.createdAt.toISOString(),
    updatedAt: message.updatedAt.toISOString(),
  };
}

/** The Chat tab's preview: one line, short. */
export function previewOf(body: string): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
