import { Module } from '@nestjs/common';
import { AppointmentsModule } from '../appointments/appointments.module';
import { ContactDeletionsConsumer } from './contact-deletions.consumer';

@Module({ imports: [AppointmentsModule], providers: [ContactDeletionsConsumer] })
export class ContactDeletionsModule {}
