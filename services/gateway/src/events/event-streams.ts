import { DomainEvent, ErrorCodes, EVENTS_STREAM, tenantEventsFilter } from '@conversations/contracts';
import { DomainError, EventBus, ROOT_LOGGER } from '@conversations/service-kit';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import { ConsumerMessages, DeliverPolicy } from 'nats';
import type { Logger } from 'pino';
import { GATEWAY_CONFIG, GatewayConfig } from '../config';

export interface StreamedEvent {
  /** The JetStream sequence: the SSE `id`, so a reconnect resumes right after it. */
  sequence: number;
  event: DomainEvent;
}

export interface EventSubscription {
  /** Events in stream order; ends when the subscription is closed or the connection to NATS is lost. */
  events: AsyncIterable<StreamedEvent>;
  close: () => Promise<void>;
}

/**
 * One tenant's domain events from the JetStream stream, for one live connection: an ordered, ephemeral
 * consumer filtered to the tenant (`evt.*.*.<tenantId>`), starting after a given sequence or at the
 * next event to be stored. Closing deletes the consumer; shutdown closes every subscription.
 */
@Injectable()
export class EventStreams implements BeforeApplicationShutdown {
  private readonly open = new Set<EventSubscription>();

  constructor(
    @Inject(EventBus) private readonly bus: EventBus,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  async subscribe(tenantId: string, afterSequence?: number): Promise<EventSubscription> {
    // An explicit start (rather than DeliverPolicy.New) fixes the position before the client is told
    // the stream is open: nothing stored after this call can be missed.
    const startSequence =
      afterSequence !== undefined ? afterSequence + 1 : (await this.bus.manager.streams.info(EVENTS_STREAM)).state.last_seq + 1;
    const consumer = await this.bus.jetstream.consumers.get(EVENTS_STREAM, {
      // One subject as a string (`filter_subject`): NATS servers before 2.10 refuse `filter_subjects`.
      filterSubjects: tenantEventsFilter(tenantId),
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: startSequence,
    });
    // The client retries a consumer it cannot create for a long time; a live stream fails fast instead.
    const messages = await withDeadline(
      consumer.consume({ max_messages: 64 }),
      this.config.RPC_TIMEOUT_MS,
      () => void consumer.delete().catch(() => undefined),
    );
    const logger = this.logger;
    const events = (async function* (): AsyncGenerator<StreamedEvent> {
      for await (const message of messages) {
        let event: DomainEvent;
        try {
          event = message.json<DomainEvent>();
        } catch {
          logger.error({ subject: message.subject, seq: message.seq }, 'undecodable event skipped on the live stream');
          continue;
        }
        // The subject filter already scopes to the tenant; the payload is checked too, never trusted alone.
        if (event.tenantId !== tenantId) continue;
        yield { sequence: message.seq, event };
      }
    })();
    let closing: Promise<void> | undefined;
    const subscription: EventSubscription = {
      events,
      close: () =>
        (closing ??= (async () => {
          this.open.delete(subscription);
          await messages.close().catch(() => undefined);
          await consumer.delete().catch(() => undefined);
        })()),
    };
    this.open.add(subscription);
    return subscription;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.open].map((subscription) => subscription.close()));
  }
}

function withDeadline(work: Promise<ConsumerMessages>, ms: number, onLate: () => void): Promise<ConsumerMessages> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onLate();
      void work.then((messages) => messages.close()).catch(() => undefined);
      reject(new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The live event stream could not be opened; try again shortly'));
    }, ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
