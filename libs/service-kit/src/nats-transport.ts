import { ClientNats, type MessageHandler, type NatsOptions, ServerNats } from '@nestjs/microservices';

type NatsTransportOptions = Required<NatsOptions>['options'];

/**
 * NestJS's NATS server with a deployment namespace in front of every request/reply subject, so several
 * deployments (or a test run beside `npm start`) can share one NATS cluster without answering each
 * other's requests. Queue groups still spread requests over the replicas of one deployment.
 */
export class NamespacedNatsServer extends ServerNats {
  constructor(
    options: NatsTransportOptions,
    private readonly namespace: string,
  ) {
    super(options);
  }

  /**
   * Registers each handler under its namespaced subject (Nest's public hook for every `@MessagePattern`
   * and `@EventPattern`), so Nest's own subscribing, queue groups and graceful unsubscribe apply as they are.
   */
  override addHandler(pattern: unknown, callback: MessageHandler, isEventHandler?: boolean, extras?: Record<string, unknown>): void {
    super.addHandler(namespaced(this.namespace, this.normalizePattern(pattern as string)), callback, isEventHandler, extras);
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
