import { deleteOlderThan, type PeriodicSweep, ROOT_LOGGER, startPeriodicSweep } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import type { Logger } from 'pino';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../config';
import { EventLogService } from '../event-log/event-log.service';
import { type DeliveryDocument, WEBHOOK_DELIVERY_MODEL } from './delivery.schema';

const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

/** Kept events and the delivery log expire after WEBHOOK_EVENT_RETENTION_MS (FerretDB refuses TTL indexes). */
@Injectable()
export class RetentionSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private sweeper?: PeriodicSweep;

  constructor(
    @InjectModel(WEBHOOK_DELIVERY_MODEL) private readonly deliveries: Model<DeliveryDocument>,
    private readonly eventLog: EventLogService,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper = startPeriodicSweep('webhook-retention', () => this.sweep(), { intervalMs: SWEEP_INTERVAL_MS, logger: this.logger });
  }

  async sweep(now = new Date()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.config.WEBHOOK_EVENT_RETENTION_MS);
    return (await this.eventLog.deleteOlderThan(cutoff)) + (await deleteOlderThan(this.deliveries, 'createdAt', cutoff));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper?.stop();
  }
}
