import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { CalendarsModule } from '../calendars/calendars.module';
import { AvailabilityController } from './availability.controller';

@Module({ imports: [CalendarsModule, AppointmentsModule], controllers: [AvailabilityController] })
export class AvailabilityModule {}
