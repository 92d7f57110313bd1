import { OutboxRelay } from '@conversations/service-kit';
import { Inject, Module, OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { APPOINTMENT_MODEL } from './appointments/appointment.schema';
import { AppointmentsModule } from './appointments/appointments.module';
import { CALENDAR_MODEL } from './calendars/calendar.schema';
import { CalendarsModule } from './calendars/calendars.module';
import { APPOINTMENTS_CONFIG, AppointmentsConfig } from './config';

/** Republishes events a crash left in the outbox of calendars or appointments. */
@Module({ imports: [CalendarsModule, AppointmentsModule] })
export class OutboxSweepModule implements OnApplicationBootstrap {
  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly relay: OutboxRelay,
    @Inject(APPOINTMENTS_CONFIG) private readonly config: AppointmentsConfig,
  ) {}

  onApplicationBootstrap(): void {
    const models = [CALENDAR_MODEL, APPOINTMENT_MODEL].map((name) =>
      this.moduleRef.get<Model<unknown>>(getModelToken(name), { strict: false }),
    );
    this.relay.startSweeps(models, this.config.OUTBOX_SWEEP_MS);
  }
}
