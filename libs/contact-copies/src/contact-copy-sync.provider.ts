import { EventBus, ROOT_LOGGER, type ServiceConfig } from '@conversations/service-kit';
import type { InjectionToken, Provider, Type } from '@nestjs/common';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { type ContactCopies, ContactCopySync } from './contact-copy-sync';

/**
 * The ContactCopySync of a service: `owner` names its consumer (e.g. `calls`), `copies` is the provider
 * that applies a change, `configToken` the service's config (for its NATS namespace).
 */
export function contactCopySyncProvider(owner: string, copies: Type<ContactCopies>, configToken: InjectionToken): Provider {
  return {
    provide: ContactCopySync,
    useFactory: (bus: EventBus, connection: Connection, config: ServiceConfig, logger: Logger, service: ContactCopies) =>
      new ContactCopySync(bus, connection, config.NATS_NAMESPACE, owner, logger, service),
    inject: [EventBus, getConnectionToken(), configToken, ROOT_LOGGER, copies],
  };
}
