import { Global, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ContactsClient } from './contacts/contacts.client';
import { CONVERSATION_MODEL, conversationSchema } from './conversations/conversation.schema';
import { MESSAGE_MODEL, messageSchema } from './messages/message.schema';
import { MessagesRepository } from './messages/messages.repository';
import { SENDER_NUMBER_MODEL, senderNumberSchema } from './numbers/sender-number.schema';
import { DISPATCH_CLAIM_MODEL, DISPATCH_MODEL, dispatchClaimSchema, dispatchSchema } from './sending/dispatch.schema';

/** This service's collections, the message repository (API and worker share it) and the contacts client. */
@Global()
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: SENDER_NUMBER_MODEL, schema: senderNumberSchema },
      { name: CONVERSATION_MODEL, schema: conversationSchema },
      { name: MESSAGE_MODEL, schema: messageSchema },
      { name: DISPATCH_MODEL, schema: dispatchSchema },
      { name: DISPATCH_CLAIM_MODEL, schema: dispatchClaimSchema },
    ]),
  ],
  providers: [MessagesRepository, ContactsClient],
  exports: [MongooseModule, MessagesRepository, ContactsClient],
})
export class StoreModule {}
