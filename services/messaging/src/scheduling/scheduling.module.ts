import { Module } from '@nestjs/common';
import { ScheduledMessagesController } from './scheduled-messages.controller';
import { ScheduledMessagesService } from './scheduled-messages.service';

/** F38, the API side: scheduled messages listed, changed and canceled; used by sends with `scheduledAt` and by inbound replies. */
@Module({ controllers: [ScheduledMessagesController], providers: [ScheduledMessagesService], exports: [ScheduledMessagesService] })
export class SchedulingModule {}
