import { type AnyDomainEvent, type DomainEvent, EVENTS_STREAM, EVENTS_STREAM_SUBJECTS, eventSubject } from '@conversations/contracts';
import { randomUUID } from 'node:crypto';
import {
  AckPolicy,
  connect,
  DeliverPolicy,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from 'nats';
import type { Logger } from 'pino';
import { trackConsumerLag } from './metrics';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function newEvent<T>(type: string, tenantId: string, actor: DomainEvent['actor'], data: T): DomainEvent<T> {
  return { id: randomUUID(), type, tenantId, occurredAt: new Date().toISOString(), actor, data };
}

/**
 * The durable event log: one JetStream stream (`evt.>`), events published with their id as the
 * JetStream message id so a retried publish inside the duplicate window is stored once.
 */
export class EventBus {
  private constructor(
    readonly connection: NatsConnection,
    readonly jetstream: JetStreamClient,
    readonly manager: JetStreamManager,
    private readonly logger: Logger,
  ) {}

  static async connect(url: string, name: string, logger: Logger): Promise<EventBus> {
    const connection = await connect({ servers: url.split(','), name, maxReconnectAttempts: -1, reconnectTimeWait: 500 });
    const manager = await connection.jetstreamManager();
    const bus = new EventBus(connection, connection.jetstream(), manager, logger);
    await bus.ensureStream();
    return bus;
  }

  async ensureStream(): Promise<void> {
    const config = {
      name: EVENTS_STREAM,
      subjects: EVENTS_STREAM_SUBJECTS,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(7 * 24 * 3600 * 1000),
      duplicate_window: nanos(10 * 60 * 1000),
    };
    try {
      await this.manager.streams.info(EVENTS_STREAM);
    } catch {
      try {
        await this.manager.streams.add(config);
      } catch (error) {
        // Another replica created it first.
        await this.manager.streams.info(EVENTS_STREAM).catch(() => {
          throw error;
        });
      }
    }
  }

  async publish(event: DomainEvent): Promise<number> {
    const ack = await this.jetstream.publish(eventSubject(event.type, event.tenantId), encoder.encode(JSON.stringify(event)), {
      msgID: event.id,
    });
    return ack.seq;
  }

  /**
   * A durable, load-shared consumer: every replica using the same `durable` name shares the work, each
   * event is handled by one of them. At-least-once delivery; `ProcessedEvents` makes handlers idempotent.
   */
  async consume(
    durable: string,
    filterSubject: string,
    handle: (event: AnyDomainEvent, message: JsMsg) => Promise<void>,
    options: { concurrency?: number; ackWaitMs?: number } = {},
  ): Promise<{ stop: () => Promise<void> }> {
    try {
      await this.manager.consumers.info(EVENTS_STREAM, durable);
    } catch {
      await this.manager.consumers.add(EVENTS_STREAM, {
        durable_name: durable,
        filter_subject: filterSubject,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.New,
        ack_wait: nanos(options.ackWaitMs ?? 30_000),
        max_deliver: 20,
      });
    }
    const consumer = await this.jetstream.consumers.get(EVENTS_STREAM, durable);
    trackConsumerLag(durable, async () => {
      const info = await this.manager.consumers.info(EVENTS_STREAM, durable);
      return info.num_pending + info.num_ack_pending;
    });
    // A concurrent handler pulls only a little ahead: events waiting in the buffer count against ack_wait.
    const messages = await consumer.consume({
      max_messages: options.concurrency && options.concurrency > 1 ? options.concurrency * 2 : 64,
    });
    const handleMessage = async (message: JsMsg) => {
      let event: AnyDomainEvent;
      try {
        event = JSON.parse(decoder.decode(message.data));
      } catch {
        this.logger.error({ subject: message.subject, seq: message.seq }, 'undecodable event dropped');
        message.term();
        return;
      }
      try {
        await handle(event, message);
        message.ack();
      } catch (error) {
        this.logger.warn({ err: error, eventId: event.id, durable }, 'event handler failed; will be redelivered');
        message.nak(Math.min(30_000, 500 * 2 ** Math.min(message.info.redeliveryCount, 6)));
      }
    };
    // In order, one at a time, unless the caller's handler is safe to run concurrently (`concurrency`).
    const limit = Math.max(1, options.concurrency ?? 1);
    const running = new Set<Promise<void>>();
    const loop = (async () => {
      for await (const message of messages) {
        const work = handleMessage(message).finally(() => running.delete(work));
        running.add(work);
        if (running.size >= limit) await Promise.race(running);
      }
      await Promise.all(running);
    })();
    return {
      stop: async () => {
        await messages.close();
        await loop;
      },
    };
  }

  async close(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
