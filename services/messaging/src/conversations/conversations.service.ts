import {
  ContactView,
  ConversationEventData,
  ConversationView,
  DomainEvent,
  ErrorCodes,
  ListConversationsQueryDto,
  MessagingEventTypes,
  Page,
  RequestContext,
  SmsFromView,
} from '@conversations/contracts';
import { contactCopyOf } from '@conversations/contact-copies';
import { personSearchFilter } from '@conversations/person-search';
import { afterCursorFilter, DomainError, isDuplicateKey, newEvent, OutboxRelay, toPage } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { isDeepStrictEqual } from 'node:util';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import type { MessageDocument } from '../messages/message.schema';
import { previewOf } from '../messages/message.view';
import { CONVERSATION_MODEL, conversationIdOf, ConversationDocument, NEVER } from './conversation.schema';
import { conversationViewOf } from './conversation.view';

const DEFAULT_PAGE_SIZE = 25;

@Injectable()
export class ConversationsService {
  constructor(
    @InjectModel(CONVERSATION_MODEL) private readonly conversations: Model<ConversationDocument>,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    private readonly outbox: OutboxRelay,
  ) {}

  /** F6/F7: conversations with messages, newest activity first, by cursor; optionally searched. */
  async list(ctx: RequestContext, query: ListConversationsQueryDto): Promise<Page<ConversationView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const filters: Record<string, unknown>[] = [];
    const search = query.search?.trim();
    if (search) filters.push(personSearchFilter(search, this.config.DEFAULT_PHONE_COUNTRY));
    if (query.cursor) filters.push(afterCursorFilter('lastMessageAt', query.cursor));
    const rows = await this.conversations
      .find({ tenantId: ctx.tenantId, listed: true, ...(filters.length ? { $and: filters } : {}) })
      .sort({ lastMessageAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<ConversationDocument[]>();
    return toPage(rows, limit, (row) => row.lastMessageAt, conversationViewOf);
  }

  async findByContact(tenantId: string, contactId: string): Promise<ConversationDocument | null> {
    if (!Types.ObjectId.isValid(contactId)) return null;
    return this.conversations.findOne({ _id: conversationIdOf(tenantId, contactId), tenantId }).lean<ConversationDocument>();
  }

  /** The contact's conversation, created on first use with a fresh copy of the contact; a stale copy is refreshed. */
  async ensure(tenantId: string, contact: ContactView): Promise<ConversationDocument> {
    const contactId = new Types.ObjectId(contact.id);
    const _id = conversationIdOf(tenantId, contactId);
    const copy = contactCopyOf(contact);
    const syncedAt = new Date(contact.updatedAt);
    let existing = await this.conversations.findOne({ _id, tenantId }).lean<ConversationDocument>();
    if (!existing) {
      const now = new Date();
      try {
        await this.conversations.create({
          _id,
          tenantId,
          contactId,
          ...copy,
          contactSyncedAt: syncedAt,
          listed: false,
          lastMessageAt: NEVER,
          createdAt: now,
          updatedAt: now,
        });
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      existing = await this.conversations.findOne({ _id, tenantId }).lean<ConversationDocument>();
      if (!existing) throw new Error('conversation vanished right after it was created');
      return existing;
    }
    const stale =
      existing.contactSyncedAt < syncedAt &&
      !isDeepStrictEqual({ contact: existing.contact, keys: existing.searchKeys }, { contact: copy.contact, keys: copy.searchKeys });
    if (stale) {
      await this.conversations.updateOne(
        { _id: existing._id, tenantId, contactSyncedAt: { $lt: syncedAt } },
        { $set: { ...copy, contactSyncedAt: syncedAt } },
      );
      existing = { ...existing, ...copy, contactSyncedAt: syncedAt };
    }
    return existing;
  }

  /**
   * A message was stored: the conversation shows it as the latest (unless a newer one is already shown),
   * counts it as unread when it is inbound and notifies, and tells every open screen.
   */
  async recordMessage(
    ctx: RequestContext,
    conversation: ConversationDocument,
    message: MessageDocument,
    options: { unread: boolean; notify: boolean },
  ): Promise<void> {
    const now = new Date();
    const latest = {
      listed: true,
      lastMessageAt: message.createdAt,
      lastMessageId: message._id,
      lastMessagePreview: previewOf(message.body),
      lastMessageDirection: message.direction,
      updatedAt: now,
    };
    const unread = options.unread ? 1 : 0;
    const expected: ConversationDocument = { ...conversation, ...latest, unreadCount: conversation.unreadCount + unread };
    const event = this.event(ctx, expected, options.notify);
    const increment = unread ? { $inc: { unreadCount: unread } } : {};
    const shownAsLatest = await this.conversations.updateOne(
      { _id: conversation._id, tenantId: ctx.tenantId, lastMessageAt: { $lte: message.createdAt } },
      { $set: latest, ...increment, $push: { outbox: event } },
    );
    if (shownAsLatest.matchedCount === 0) {
      // A newer message is already the latest: only the unread count changes.
      await this.conversations.updateOne(
        { _id: conversation._id, tenantId: ctx.tenantId },
        { $set: { updatedAt: now }, ...increment, $push: { outbox: event } },
      );
    }
    await this.outbox.relay(this.conversations, ctx.tenantId, conversation._id, [event]);
  }

  async markRead(ctx: RequestContext, conversationId: string): Promise<ConversationView> {
    const conversation = await this.load(ctx, conversationId);
    if (conversation.unreadCount === 0) return conversationViewOf(conversation);
    const updated: ConversationDocument = { ...conversation, unreadCount: 0, updatedAt: new Date() };
    const event = this.event(ctx, updated, false);
    await this.conversations.updateOne(
      { _id: conversation._id, tenantId: ctx.tenantId },
      { $set: { unreadCount: 0, updatedAt: updated.updatedAt }, $push: { outbox: event } },
    );
    await this.outbox.relay(this.conversations, ctx.tenantId, conversation._id, [event]);
    return conversationViewOf(updated);
  }

  smsFromViewOf(contact: ContactView, conversation: ConversationDocument | null): SmsFromView {
    return { contactId: contact.id, from: conversation?.smsFrom ?? null, to: contact.phone };
  }

  /** F31: remembered per contact. */
  async setSmsFrom(ctx: RequestContext, contact: ContactView, from: string | null): Promise<SmsFromView> {
    const conversation = await this.ensure(ctx.tenantId, contact);
    if (conversation.smsFrom === from) return this.smsFromViewOf(contact, conversation);
    const updated: ConversationDocument = { ...conversation, smsFrom: from, updatedAt: new Date() };
    const event = this.event(ctx, updated, false);
    await this.conversations.updateOne(
      { _id: conversation._id, tenantId: ctx.tenantId },
      { $set: { smsFrom: from, updatedAt: updated.updatedAt }, $push: { outbox: event } },
    );
    await this.outbox.relay(this.conversations, ctx.tenantId, conversation._id, [event]);
    return this.smsFromViewOf(contact, updated);
  }

  /**
   * evt.contacts.*: keep the denormalised name/phone current (F7 search, F26 "shows everywhere"). Only an
   * existing conversation is touched, and only by an event newer than the copy it holds.
   */
  async applyContactChange(
    event: DomainEvent<{ contactId: string; contact?: Pick<ContactView, 'fullName' | 'phone'> }>,
    deleted: boolean,
  ): Promise<void> {
    const { contactId, contact } = event.data;
    if (!Types.ObjectId.isValid(contactId)) return;
    const at = new Date(event.occurredAt);
    const filter = { _id: conversationIdOf(event.tenantId, contactId), tenantId: event.tenantId, contactSyncedAt: { $lt: at } };
    const conversation = await this.conversations.findOne(filter).lean<ConversationDocument>();
    if (!conversation) return;
    const set: Partial<ConversationDocument> = { contactSyncedAt: at, updatedAt: new Date() };
    if (contact) Object.assign(set, contactCopyOf(contact));
    // A deleted contact's conversation leaves the Chat tab; its messages stay for the record.
    if (deleted) set.listed = false;
    const unchanged =
      !deleted &&
      isDeepStrictEqual({ contact: conversation.contact, keys: conversation.searchKeys }, { contact: set.contact, keys: set.searchKeys });
    if (unchanged) {
      await this.conversations.updateOne({ _id: conversation._id, tenantId: event.tenantId }, { $set: { contactSyncedAt: at } });
      return;
    }
    const ctx: RequestContext = { tenantId: event.tenantId, userId: 'system:messaging', requestId: event.id };
    const updatedEvent = this.event(ctx, { ...conversation, ...set }, false);
    const result = await this.conversations.updateOne(filter, { $set: set, $push: { outbox: updatedEvent } });
    if (result.matchedCount) await this.outbox.relay(this.conversations, event.tenantId, conversation._id, [updatedEvent]);
  }

  private async load(ctx: RequestContext, id: string): Promise<ConversationDocument> {
    if (!Types.ObjectId.isValid(id)) throw DomainError.notFound(ErrorCodes.CONVERSATION_NOT_FOUND, 'Conversation');
    const conversation = await this.conversations.findOne({ _id: id, tenantId: ctx.tenantId }).lean<ConversationDocument>();
    if (!conversation) throw DomainError.notFound(ErrorCodes.CONVERSATION_NOT_FOUND, 'Conversation');
    return conversation;
  }

  private event(ctx: RequestContext, conversation: ConversationDocument, notify: boolean): DomainEvent<ConversationEventData> {
    const actor = ctx.userId.startsWith('system:') ? { system: ctx.userId.slice('system:'.length) } : { userId: ctx.userId };
    return newEvent(MessagingEventTypes.conversationUpdated, ctx.tenantId, actor, {
      conversationId: String(conversation._id),
      contactId: String(conversation.contactId),
      conversation: conversationViewOf(conversation),
      notify,
    });
  }
}
