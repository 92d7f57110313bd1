import { EventBus } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../config';
import { DeliveriesService } from './deliveries.service';

/**
 * Every domain event from JetStream becomes deliveries (see DeliveriesService.fanOut). A durable
 * consumer shared by the replicas; fanning out is idempotent (unique delivery keys), so a redelivery
 * after a crash adds nothing.
 */
@Injectable()
export class DeliveryConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };

  constructor(
    private readonly bus: EventBus,
    private readonly deliveries: DeliveriesService,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
  ) {}

  get durableName(): string {
    return `${this.config.NATS_NAMESPACE || 'default'}-webhooks-fan-out`;
  }

  async onApplicationBootstrap(): Promise<void> {
    this.consumer = await this.bus.consume(this.durableName, 'evt.>', async (event) => void (await this.deliveries.fanOut(event)), {
      concurrency: this.config.WEBHOOK_CONSUMER_CONCURRENCY,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
  }
}
