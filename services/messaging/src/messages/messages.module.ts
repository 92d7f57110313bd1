import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { NumbersModule } from '../numbers/numbers.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { MessagesController } from './messages.controller';
import { MessagesService } from './messages.service';

@Module({
  imports: [NumbersModule, ConversationsModule, SchedulingModule],
  controllers: [MessagesController],
  providers: [MessagesService],
  exports: [MessagesService],
})
export class MessagesModule {}
