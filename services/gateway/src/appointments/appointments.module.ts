import { Module } from '@nestjs/common';
import { AppointmentsController } from './appointments.controller';
import { CalendarsController } from './calendars.controller';
import { ContactAppointmentsController } from './contact-appointments.controller';

@Module({ controllers: [CalendarsController, ContactAppointmentsController, AppointmentsController] })
export class AppointmentsModule {}
