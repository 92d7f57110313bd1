import { Module } from '@nestjs/common';
import { ConversationsModule } from '../conversations/conversations.module';
import { MessagesModule } from '../messages/messages.module';
import { NumbersModule } from '../numbers/numbers.module';
import { InboundController } from './inbound.controller';
import { InboundService } from './inbound.service';

@Module({ imports: [NumbersModule, ConversationsModule, MessagesModule], controllers: [InboundController], providers: [InboundService] })
export class InboundModule {}
