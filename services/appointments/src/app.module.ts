import { OutboxSweepModule, ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { APPOINTMENT_MODEL } from './appointments/appointment.schema';
import { AppointmentsModule } from './appointments/appointments.module';
import { AvailabilityModule } from './availability/availability.module';
import { CALENDAR_MODEL } from './calendars/calendar.schema';
import { CalendarsModule } from './calendars/calendars.module';
import { APPOINTMENTS_CONFIG, AppointmentsConfig } from './config';
import { ContactDeletionsModule } from './contact-deletions/contact-deletions.module';
import { ContactsDirectoryModule } from './contacts-directory/contacts-directory.module';

@Module({})
export class AppModule {
  static register(config: AppointmentsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'appointments', config, configToken: APPOINTMENTS_CONFIG, logger, database: config.MONGO_DB }),
        ContactsDirectoryModule,
        CalendarsModule,
        AppointmentsModule,
        AvailabilityModule,
        ContactDeletionsModule,
        OutboxSweepModule.forModels([CALENDAR_MODEL, APPOINTMENT_MODEL], {
          intervalMs: config.OUTBOX_SWEEP_MS,
          imports: [CalendarsModule, AppointmentsModule],
        }),
      ],
    };
  }
}
