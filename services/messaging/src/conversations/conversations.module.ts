import { Module } from '@nestjs/common';
import { NumbersModule } from '../numbers/numbers.module';
import { ContactSync } from './contact-sync';
import { ConversationsController } from './conversations.controller';
import { ConversationsService } from './conversations.service';

@Module({
  imports: [NumbersModule],
  controllers: [ConversationsController],
  providers: [ConversationsService, ContactSync],
  exports: [ConversationsService],
})
export class ConversationsModule {}
