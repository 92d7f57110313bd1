import { type AnyDomainEvent, ContactEventTypes } from '@conversations/contracts';
import { EventBus, ROOT_LOGGER } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { randomUUID } from 'node:crypto';
import { AppointmentsService } from '../appointments/appointments.service';
import { APPOINTMENTS_CONFIG, AppointmentsConfig } from '../config';

export const CONTACT_DELETED_REASON = 'The contact was deleted';

/**
 * When a contact is deleted, its upcoming appointments are cancelled so their time is free again.
 * A durable consumer shared by the replicas; cancelling is idempotent, so a redelivery changes nothing.
 */
@Injectable()
export class ContactDeletionsConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };

  constructor(
    private readonly bus: EventBus,
    private readonly appointments: AppointmentsService,
    @Inject(APPOINTMENTS_CONFIG) private readonly config: AppointmentsConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  get durableName(): string {
    // Per deployment namespace: two deployments on one NATS must not share the work.
    return `${this.config.NATS_NAMESPACE || 'default'}-appointments-contact-deletions`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume(this.durableName, `${ContactEventTypes.deleted}.>`, (event) => this.handle(event));
  }

  private async handle(event: AnyDomainEvent): Promise<void> {
    if (event.type !== ContactEventTypes.deleted) return;
    const contactId = event.data?.contactId;
    if (typeof contactId !== 'string') return;
    const userId = 'userId' in event.actor ? event.actor.userId : `system:${event.actor.system}`;
    const cancelled = await this.appointments.cancelUpcomingForContact(
      { tenantId: event.tenantId, userId, requestId: randomUUID() },
      contactId,
      CONTACT_DELETED_REASON,
    );
    if (cancelled)
      this.logger.info({ eventId: event.id, contactId, cancelled }, 'cancelled the upcoming appointments of a deleted contact');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
