import { type AnyDomainEvent, type DomainEvent, EVENTS_STREAM, EVENTS_STREAM_SUBJECTS, eventSubject } from '@conversations/contracts';
import { randomUUID } from 'node:crypto';
import {
  AckPolicy,
  connect,
  type ConsumerConfig,
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
import { isJetStreamNotFound, whileJetStreamStarts } from './jetstream-admin';
import { trackConsumerLag } from './metrics';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * The delivery settings every event consumer shares; `ProcessedEvents` sizes its retention from them.
 * A stored event reaches a consumer at most `maxDeliver` times, each redelivery at most `ackWaitMs` (a
 * handler that never answered) or `maxNakDelayMs` (one that failed) after the previous; a publish
 * retried inside `duplicateWindowMs` is stored once.
 */
export const EVENT_DELIVERY = {
  maxDeliver: 20,
  defaultAckWaitMs: 30_000,
  maxNakDelayMs: 30_000,
  duplicateWindowMs: 10 * 60 * 1000,
} as const;

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
    // waitOnFirstConnect: a replica that starts while NATS restarts waits for it, as a connected one reconnects.
    const connection = await connect({
      servers: url.split(','),
      name,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
      waitOnFirstConnect: true,
    });
    const manager = await whileJetStreamStarts('JetStream', () => connection.jetstreamManager(), logger);
    const bus = new EventBus(connection, connection.jetstream(), manager, logger);
    await whileJetStreamStarts(`stream ${EVENTS_STREAM}`, () => bus.ensureStream(), logger);
    return bus;
  }

  async ensureStream(): Promise<void> {
    const config = {
      name: EVENTS_STREAM,
      subjects: EVENTS_STREAM_SUBJECTS,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_age: nanos(7 * 24 * 3600 * 1000),
      duplicate_window: nanos(EVENT_DELIVERY.duplicateWindowMs),
    };
    try {
      await this.manager.streams.info(EVENTS_STREAM);
    } catch (error) {
      if (!isJetStreamNotFound(error)) throw error;
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
    const settings = {
      filter_subject: filterSubject,
      ack_wait: nanos(options.ackWaitMs ?? EVENT_DELIVERY.defaultAckWaitMs),
      max_deliver: EVENT_DELIVERY.maxDeliver,
    };
    await whileJetStreamStarts(`consumer ${durable}`, () => this.ensureConsumer(durable, settings), this.logger);
    const consumer = await whileJetStreamStarts(
      `consumer ${durable}`,
      () => this.jetstream.consumers.get(EVENTS_STREAM, durable),
      this.logger,
    );
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
        message.nak(Math.min(EVENT_DELIVERY.maxNakDelayMs, 500 * 2 ** Math.min(message.info.redeliveryCount, 6)));
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

  /**
   * Creates the durable consumer, or brings an existing one's settings up to these: a deploy that changes
   * a consumer's ack wait or filter takes effect instead of the first deploy's settings living on.
   */
  private async ensureConsumer(durable: string, settings: Required<Pick<ConsumerConfig, 'filter_subject' | 'ack_wait' | 'max_deliver'>>) {
    const existing = await this.manager.consumers.info(EVENTS_STREAM, durable).catch((error: unknown) => {
      if (isJetStreamNotFound(error)) return undefined;
      throw error;
    });
    if (!existing) {
      await this.manager.consumers.add(EVENTS_STREAM, {
        durable_name: durable,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.New,
        ...settings,
      });
      return;
    }
    const current = existing.config;
    const changed = (Object.keys(settings) as (keyof typeof settings)[]).filter((key) => current[key] !== settings[key]);
    if (!changed.length) return;
    // NATS 2.9 accepts a new filter_subject but then delivers nothing (verified on 2.9.10); 2.10 applies it.
    if (changed.includes('filter_subject') && !this.serverAtLeast(2, 10)) {
      throw new Error(
        `consumer ${durable} filters ${current.filter_subject}, not ${settings.filter_subject}, and NATS ${this.connection.info?.version} ` +
          'cannot change a filter in place: delete the consumer (it is created again from new events) or give it a new name',
      );
    }
    await this.manager.consumers.update(EVENTS_STREAM, durable, settings);
    this.logger.info(
      { durable, changed: Object.fromEntries(changed.map((key) => [key, { from: current[key], to: settings[key] }])) },
      'event consumer settings updated',
    );
  }

  private serverAtLeast(major: number, minor: number): boolean {
    const [serverMajor = 0, serverMinor = 0] = (this.connection.info?.version ?? '0.0').split('.').map(Number);
    return serverMajor > major || (serverMajor === major && serverMinor >= minor);
  }

  async close(): Promise<void> {
    if (!this.connection.isClosed()) await this.connection.drain();
  }
}
