import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { NumbersModule } from '../numbers/numbers.module';
import { SchedulingModule } from '../scheduling/scheduling.module';
import { InboundController } from './inbound.controller';
import { InboundService } from './inbound.service';

@Module({
  imports: [NumbersModule, ConversationsModule, MessagesModule, SchedulingModule],
  controllers: [InboundController],
  providers: [InboundService],
})
export class InboundModule {}
