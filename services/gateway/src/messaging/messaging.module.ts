import { Module } from '@nestjs/common';
import { ConversationsController } from './conversations.controller';
import { MessagesController } from './messages.controller';
import { PlivoWebhooksController } from './plivo-webhooks.controller';

/** Messaging routes: conversations, messages, numbers, SMS Setting, and the carrier's webhooks. */
@Module({ controllers: [ConversationsController, MessagesController, PlivoWebhooksController] })
export class MessagingModule {}
