import { Module } from '@nestjs/common';
import { ConversationsController } from './conversations.controller';
import { MessagesController } from './messages.controller';
import { PlivoWebhooksController } from './plivo-webhooks.controller';
import { ScheduledMessagesController } from './scheduled-messages.controller';

/** Messaging routes: conversations, messages (sent now or later), numbers, SMS Setting, and the carrier's webhooks. */
@Module({ controllers: [ConversationsController, MessagesController, ScheduledMessagesController, PlivoWebhooksController] })
export class MessagingModule {}
