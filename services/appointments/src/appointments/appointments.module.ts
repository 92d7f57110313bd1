import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { CalendarsModule } from '../calendars/calendars.module';
import { SlotClaimsModule } from '../slot-claims/slot-claims.module';
import { APPOINTMENT_MODEL, appointmentSchema } from './appointment.schema';
import { AppointmentsController } from './appointments.controller';
import { AppointmentsService } from './appointments.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: APPOINTMENT_MODEL, schema: appointmentSchema }]), CalendarsModule, SlotClaimsModule],
  controllers: [AppointmentsController],
  providers: [AppointmentsService],
  exports: [AppointmentsService, MongooseModule],
})
export class AppointmentsModule {}
