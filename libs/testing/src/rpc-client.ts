import { type ErrorBody, type RequestContext } from '@conversations/contracts';
import { NamespacedNatsClient } from '@conversations/service-kit';
import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from 'nats';
import { firstValueFrom } from 'rxjs';
import { deleteNamespaceConsumers, type EventWatch, watchTenantEvents } from './events';

/**
 * What a service test talks to the service with: NATS request/reply in the test's namespace, the
 * tenant's event stream, and clean-up of the durable consumers the namespace's services created.
 */
export class RpcTestClient {
  protected constructor(
    /** The NATS request/reply client (some code under test, e.g. seeds, takes it directly). */
    readonly client: NamespacedNatsClient,
    readonly nats: NatsConnection,
    private readonly namespace: string,
  ) {}

  static async connectClient(config: {
    NATS_URL: string;
    NATS_NAMESPACE: string;
  }): Promise<{ client: NamespacedNatsClient; nats: NatsConnection }> {
    const client = new NamespacedNatsClient({ servers: [config.NATS_URL], namespace: config.NATS_NAMESPACE });
    await client.connect();
    return { client, nats: await connect({ servers: config.NATS_URL }) };
  }

  context(tenantId: string, userId = 'u-test'): RequestContext {
    return { tenantId, userId, requestId: randomUUID() };
  }

  call<T>(subject: string, ctx: RequestContext, data: unknown = {}): Promise<T> {
    return firstValueFrom(this.client.send<T>(subject, { ctx, data }));
  }

  /** Resolves to the ErrorBody the call failed with (fails the test if it succeeded). */
  async callError(subject: string, ctx: RequestContext, data: unknown = {}): Promise<ErrorBody> {
    try {
      await this.call(subject, ctx, data);
    } catch (error) {
      return error as ErrorBody;
    }
    throw new Error(`${subject} succeeded but was expected to fail`);
  }

  /** Collects every event of `tenantId` from now on, straight from the JetStream stream. */
  watchEvents(tenantId: string): Promise<EventWatch> {
    return watchTenantEvents(this.nats, tenantId);
  }

  /** Closes the connections; durable consumers outlive services by design, so the namespace's are removed. */
  protected async closeClient(): Promise<void> {
    await this.client.close();
    try {
      await deleteNamespaceConsumers(await this.nats.jetstreamManager(), this.namespace);
    } finally {
      // A failed clean-up must not leave the connection open: jest would wait for it forever.
      await this.nats.close();
    }
  }
}
