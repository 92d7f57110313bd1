import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { EventLogService } from './event-log.service';
import { STORED_EVENT_MODEL, storedEventSchema } from './stored-event.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: STORED_EVENT_MODEL, schema: storedEventSchema }])],
  providers: [EventLogService],
  exports: [EventLogService],
})
export class EventLogModule {}
