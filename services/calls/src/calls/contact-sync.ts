import { DomainEvent } from '@conversations/contracts';
import { ContactCopySync, EventBus, ROOT_LOGGER } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from 'pino';
import { CALLS_CONFIG, CallsConfig } from '../config';
import { CallsService } from './calls.service';

/** Keeps every call's copy of its contact current (the update itself only takes copies newer than its own). */
@Injectable()
export class ContactSync extends ContactCopySync {
  constructor(
    bus: EventBus,
    private readonly calls: CallsService,
    @InjectConnection() connection: Connection,
    @Inject(CALLS_CONFIG) config: CallsConfig,
    @Inject(ROOT_LOGGER) logger: Logger,
  ) {
    super(bus, connection, config.NATS_NAMESPACE, 'calls', logger);
  }

  protected apply(event: DomainEvent<{ contactId: string }>, deleted: boolean): Promise<unknown> {
    return this.calls.applyContactChange(event, deleted);
  }
}
