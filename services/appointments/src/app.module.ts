import { ServiceKitModule } from '@conversations/service-kit';
import { DynamicModule, Module } from '@nestjs/common';
import type { Logger } from 'pino';
import { AppointmentsModule } from './appointments/appointments.module';
import { AvailabilityModule } from './availability/availability.module';
import { CalendarsModule } from './calendars/calendars.module';
import { APPOINTMENTS_CONFIG, AppointmentsConfig } from './config';
import { ContactDeletionsModule } from './contact-deletions/contact-deletions.module';
import { ContactsDirectoryModule } from './contacts-directory/contacts-directory.module';
import { OutboxSweepModule } from './outbox-sweep.module';

@Module({})
export class AppModule {
  static register(config: AppointmentsConfig, logger: Logger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ServiceKitModule.forService({ name: 'appointments', config, logger, database: config.MONGO_DB }),
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: APPOINTMENTS_CONFIG, useValue: config }],
          exports: [APPOINTMENTS_CONFIG],
        },
        ContactsDirectoryModule,
        CalendarsModule,
        AppointmentsModule,
        AvailabilityModule,
        ContactDeletionsModule,
        OutboxSweepModule,
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
