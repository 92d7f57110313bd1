import { NamespacedNatsClient } from '@conversations/service-kit';
import { Global, Inject, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APPOINTMENTS_CONFIG, AppointmentsConfig } from '../config';
import { ContactsDirectory } from './contacts-directory';

@Global()
@Module({
  providers: [
    {
      provide: ContactsDirectory,
      useFactory: (config: AppointmentsConfig) =>
        new ContactsDirectory(
          new NamespacedNatsClient({
            servers: config.NATS_URL.split(','),
            namespace: config.NATS_NAMESPACE,
            name: 'appointments',
            maxReconnectAttempts: -1,
            reconnectTimeWait: 500,
          }),
          config.CONTACTS_TIMEOUT_MS,
        ),
      inject: [APPOINTMENTS_CONFIG],
    },
  ],
  exports: [ContactsDirectory],
})
export class ContactsDirectoryModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(@Inject(ContactsDirectory) private readonly directory: ContactsDirectory) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.directory.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.directory.close();
  }
}
