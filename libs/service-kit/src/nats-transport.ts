import { ClientNats, type NatsOptions, ServerNats } from '@nestjs/microservices';
import type { Msg, NatsConnection, NatsError, Subscription } from 'nats';

type NatsTransportOptions = Required<NatsOptions>['options'];

/**
 * NestJS's NATS server with a deployment namespace in front of every request/reply subject, so several
 * deployments (or a test run beside `npm start`) can share one NATS cluster without answering each
 * other's requests. Queue groups still spread requests over the replicas of one deployment.
 */
export class NamespacedNatsServer extends ServerNats {
  private readonly queue: string | undefined;

  constructor(
    options: NatsTransportOptions,
    private readonly namespace: string,
  ) {
    super(options);
    this.queue = options.queue;
  }

  override bindEvents(client: NatsConnection): void {
    const defaultQueue = this.queue;
    for (const [channel, handler] of this.messageHandlers) {
      const subscription: Subscription = client.subscribe(namespaced(this.namespace, channel), {
        queue: handler.extras?.queue ?? defaultQueue,
        callback: this.getMessageHandler(channel).bind(this) as (error: NatsError | null, message: Msg) => void,
      });
      (this as unknown as { subscriptions: Subscription[] }).subscriptions.push(subscription);
    }
  }
}

export class NamespacedNatsClient extends ClientNats {
  constructor(options: NatsTransportOptions & { namespace?: string }) {
    const { namespace, ...natsOptions } = options;
    super(natsOptions);
    this.namespace = namespace ?? '';
  }

  private readonly namespace: string;

  protected override normalizePattern(pattern: unknown): string {
    return namespaced(this.namespace, super.normalizePattern(pattern as string));
  }
}

export function namespaced(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}
