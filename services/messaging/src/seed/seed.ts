import { type ContactListItem, ContactsSubjects, type Page, type RpcRequest } from '@conversations/contracts';
import { contactCopyOf } from '@conversations/contact-copies';
import { insertIfAbsent, NamespacedNatsClient } from '@conversations/service-kit';
import { createHash } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { firstValueFrom, timeout } from 'rxjs';
import { conversationIdOf, conversationSchema } from '../conversations/conversation.schema';
import { messageSchema } from '../messages/message.schema';
import { previewOf } from '../messages/message.view';
import { senderNumberSchema } from '../numbers/sender-number.schema';
import { DEMO_NUMBERS, DEMO_THREADS } from './demo-data';

function seedId(...parts: (string | number)[]): Types.ObjectId {
  return new Types.ObjectId(
    createHash('sha1')
      .update(['messaging', ...parts].join(':'))
      .digest('hex')
      .slice(0, 24),
  );
}

export interface MessagingSeedSummary {
  tenant: string;
  numbers: number;
  conversations: number;
  messages: number;
}

/**
 * Idempotent demo data: the demo tenants' numbers and, when the contacts service answers over NATS, a few
 * conversations with their first contacts. Deterministic ids + `$setOnInsert`: a second run inserts
 * nothing and never overwrites what a user changed.
 */
export async function seedMessagingDemo(
  connection: Connection,
  contacts?: { natsUrl: string; namespace: string },
): Promise<MessagingSeedSummary[]> {
  const models = {
    numbers: connection.model('SenderNumber', senderNumberSchema),
    conversations: connection.model('Conversation', conversationSchema),
    messages: connection.model('Message', messageSchema),
  };
  await Promise.all(Object.values(models).map((model) => model.createIndexes()));
  const summaries: MessagingSeedSummary[] = [];
  const client = contacts ? new NamespacedNatsClient({ servers: contacts.natsUrl.split(','), namespace: contacts.namespace }) : undefined;
  try {
    for (const tenantId of [...new Set(DEMO_NUMBERS.map((number) => number.tenantId))]) {
      const numbers = DEMO_NUMBERS.filter((number) => number.tenantId === tenantId);
      await models.numbers.bulkWrite(
        numbers.map((number) =>
          insertIfAbsent(tenantId, seedId(tenantId, 'number', number.number), { ...number, createdAt: new Date(Date.UTC(2026, 0, 1)) }),
        ),
      );
      const summary: MessagingSeedSummary = { tenant: tenantId, numbers: numbers.length, conversations: 0, messages: 0 };
      summaries.push(summary);
      if (!client) continue;
      const request: RpcRequest = {
        ctx: { tenantId, userId: 'system:seed', requestId: `seed-${tenantId}` },
        data: { limit: DEMO_THREADS.length + 6 },
      };
      const page = await firstValueFrom(client.send<Page<ContactListItem>>(ContactsSubjects.list, request).pipe(timeout(10_000)));
      const sender = numbers.find((number) => number.capabilities.sms) ?? numbers[0];
      const withPhones = page.items.filter((contact) => contact.phone);
      const now = Date.now();
      for (const [index, thread] of DEMO_THREADS.entries()) {
        const contact = withPhones[index];
        if (!contact) break;
        const contactId = new Types.ObjectId(contact.id);
        const writes = thread.map((step, position) => {
          const at = new Date(now - (index * 7 + (thread.length - position)) * 3_600_000);
          const body = step.body.replace('{first}', contact.firstName ?? 'there');
          const status = step.direction === 'inbound' ? 'received' : (step.status ?? 'delivered');
          const trail =
            step.direction === 'inbound'
              ? [{ status: 'received', at: at.toISOString() }]
              : [
                  { status: 'queued', at: at.toISOString() },
                  { status: 'sent', at: new Date(at.getTime() + 2000).toISOString() },
                  {
                    status,
                    at: new Date(at.getTime() + 5000).toISOString(),
                    ...(status !== 'delivered'
                      ? { reason: 'The recipient’s phone was unreachable or switched off.', carrierCode: '40' }
                      : {}),
                  },
                ];
          const _id = seedId(tenantId, 'message', contact.id, position);
          return {
            _id,
            at,
            body,
            direction: step.direction,
            write: insertIfAbsent(tenantId, _id, {
              contactId,
              direction: step.direction,
              channel: 'sms',
              from: step.direction === 'inbound' ? contact.phone : sender.number,
              to: step.direction === 'inbound' ? sender.number : contact.phone,
              body,
              segments: 1,
              status,
              statusTrail: trail,
              failureReason:
                status === 'delivered' || status === 'received' ? null : 'The recipient’s phone was unreachable or switched off.',
              clientMessageId: `seed:${_id}`,
              clientSupplied: false,
              providerMessageId: `seed-${_id}`,
              previousProviderIds: [],
              sendRound: step.direction === 'outbound' ? 1 : 0,
              automated: false,
              silenced: false,
              sentBy: step.direction === 'outbound' ? 'system:seed' : null,
              createdAt: at,
              updatedAt: at,
              version: 0,
              outbox: [],
            }),
          };
        });
        await models.messages.bulkWrite(
          writes.map((entry) => entry.write),
          { ordered: false },
        );
        const last = writes[writes.length - 1];
        const unread = last.direction === 'inbound' ? 1 : 0;
        await models.conversations.bulkWrite([
          insertIfAbsent(tenantId, conversationIdOf(tenantId, contact.id), {
            contactId,
            ...contactCopyOf(contact),
            contactSyncedAt: new Date(contact.createdAt),
            listed: true,
            lastMessageAt: last.at,
            lastMessageId: last._id,
            lastMessagePreview: previewOf(last.body),
            lastMessageDirection: last.direction,
            unreadCount: unread,
            smsFrom: sender.number,
            createdAt: writes[0].at,
            updatedAt: last.at,
            outbox: [],
          }),
        ]);
        summary.conversations++;
        summary.messages += writes.length;
      }
    }
  } finally {
    await client?.close();
  }
  return summaries;
}
