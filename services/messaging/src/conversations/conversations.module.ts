import { contactCopySyncProvider } from '@conversations/contact-copies';
import { Module } from '@nestjs/common';
import { MESSAGING_CONFIG } from '../config';
import { NumbersModule } from '../numbers/numbers.module';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [NumbersModule],
  controllers: [ConversationsController],
  // Keeps each conversation's copy of its contact current.
  providers: [ConversationsService, contactCopySyncProvider('messaging', ConversationsService, MESSAGING_CONFIG)],
  exports: [ConversationsService],
})
export class ConversationsModule {}
