import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CALENDAR_MODEL, calendarSchema } from './calendar.schema';
import { CalendarsController } from './calendars.controller';
import { CalendarsService } from './calendars.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: CALENDAR_MODEL, schema: calendarSchema }])],
  controllers: [CalendarsController],
  providers: [CalendarsService],
  exports: [CalendarsService, MongooseModule],
})
export class CalendarsModule {}
