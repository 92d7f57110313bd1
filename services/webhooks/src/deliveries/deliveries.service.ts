import {
  type AnyDomainEvent,
  type ListWebhookDeliveriesQueryDto,
  type Page,
  type ReplayWebhookEventsDto,
  type RequestContext,
  WEBHOOK_TEST_EVENT_TYPE,
  type WebhookDeliveryView,
  type WebhookReplayResult,
  ErrorCodes,
  isWebhookEventType,
} from '@conversations/contracts';
import { afterCursorFilter, DomainError, isDuplicateKey, toPage } from '@conversations/service-kit';
import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { isValidObjectId, Model, Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { subscribes, type WebhookEndpointDocument } from '../endpoints/endpoint.schema';
import { EndpointsService } from '../endpoints/endpoints.service';
import { EventLogService, MAX_REPLAY_EVENTS } from '../event-log/event-log.service';
import { type DeliveryDocument, WEBHOOK_DELIVERY_MODEL } from './delivery.schema';
import { deliveryViewOf } from './delivery.view';
import { DeliveryDispatcher } from './delivery-dispatcher';

const DEFAULT_PAGE_SIZE = 50;
const deliveryNotFound = () => new DomainError(ErrorCodes.NOT_FOUND, 'Webhook delivery not found');

/** The delivery log: deliveries made from events, a test event, a replay; resending one. */
@Injectable()
export class DeliveriesService {
  constructor(
    @InjectModel(WEBHOOK_DELIVERY_MODEL) private readonly deliveries: Model<DeliveryDocument>,
    private readonly endpoints: EndpointsService,
    private readonly eventLog: EventLogService,
    private readonly dispatcher: DeliveryDispatcher,
  ) {}

  /**
   * A domain event from JetStream: kept for replay when the tenant has any endpoint, and one delivery
   * made per enabled endpoint subscribed to its type. Idempotent (a redelivered event adds nothing).
   */
  async fanOut(event: AnyDomainEvent): Promise<number> {
    if (!isWebhookEventType(event.type)) return 0;
    const endpoints = await this.endpoints.allOf(event.tenantId);
    if (!endpoints.length) return 0;
    const stored = await this.eventLog.keep(event);
    const targets = endpoints.filter((endpoint) => endpoint.enabled && subscribes(endpoint, event.type));
    const deliveries = targets.map((endpoint) => {
      const delivery = this.newDelivery(endpoint, { id: stored._id, type: stored.type, occurredAt: stored.occurredAt }, 'event');
      // A free slot here: written already claimed and sent at once, with no sweep between (a crash before
      // the attempt leaves it to the sweep once the lease ends, like any claimed delivery).
      const claimed = this.dispatcher.reserve(String(endpoint._id));
      if (claimed) Object.assign(delivery, this.dispatcher.newLease());
      return { delivery, endpoint, claimed };
    });
    const inserted = await this.insertAll(deliveries.map(({ delivery }) => delivery));
    for (const { delivery, endpoint, claimed } of deliveries) {
      if (!claimed) continue;
      if (inserted.has(String(delivery._id))) {
        this.dispatcher.startClaimed(delivery, delivery.leaseToken as string, { endpoint, body: stored.body });
      } else this.dispatcher.release(String(endpoint._id)); // a redelivered event: its delivery exists
    }
    if (deliveries.some(({ delivery, claimed }) => !claimed && inserted.has(String(delivery._id)))) this.dispatcher.wake();
    return inserted.size;
  }

  async list(ctx: RequestContext, endpointId: string, query: ListWebhookDeliveriesQueryDto): Promise<Page<WebhookDeliveryView>> {
    const endpoint = await this.endpoints.load(ctx.tenantId, endpointId);
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deliveries
      .find({
        tenantId: ctx.tenantId,
        endpointId: endpoint._id,
        ...(query.status ? { status: query.status } : {}),
        ...afterCursorFilter('createdAt', query.cursor),
      })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<DeliveryDocument[]>();
    return toPage(rows, limit, (row) => row.createdAt, deliveryViewOf);
  }

  async get(ctx: RequestContext, endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    return deliveryViewOf(await this.load(ctx, endpointId, deliveryId));
  }

  /** Attempt one delivery again now, whatever its status, with a fresh retry schedule (its log is kept). */
  async resend(ctx: RequestContext, endpointId: string, deliveryId: string): Promise<WebhookDeliveryView> {
    const delivery = await this.load(ctx, endpointId, deliveryId);
    const updated = await this.deliveries
      .findOneAndUpdate(
        { _id: delivery._id, tenantId: ctx.tenantId },
        // A new lease token: an attempt still in flight from before no longer writes its outcome.
        { $set: { status: 'pending', attemptCount: 0, nextAttemptAt: new Date(), leaseToken: randomUUID() } },
        { returnDocument: 'after' },
      )
      .lean<DeliveryDocument>();
    if (!updated) throw deliveryNotFound();
    this.dispatcher.wake();
    return deliveryViewOf(updated);
  }

  /** New deliveries, to this endpoint, of every kept event in [from, to) it subscribes to. */
  async replay(ctx: RequestContext, endpointId: string, range: ReplayWebhookEventsDto): Promise<WebhookReplayResult> {
    const endpoint = await this.endpoints.load(ctx.tenantId, endpointId);
    const from = new Date(range.from);
    const to = new Date(range.to);
    if (to <= from) throw DomainError.validation({ to: ['to must be after from'] });
    const events = await this.eventLog.inRange(ctx.tenantId, from, to, MAX_REPLAY_EVENTS + 1);
    if (events.length > MAX_REPLAY_EVENTS) {
      throw DomainError.validation({ to: [`the range holds more than ${MAX_REPLAY_EVENTS} events; replay a shorter range`] });
    }
    const replayId = randomUUID();
    const created = await this.insertAll(
      events
        .filter((event) => subscribes(endpoint, event.type))
        .map((event) => this.newDelivery(endpoint, { id: event._id, type: event.type, occurredAt: event.occurredAt }, 'replay', replayId)),
    );
    if (created.size) this.dispatcher.wake();
    return { deliveries: created.size };
  }

  /** A `webhook.test` event to this endpoint (also when disabled), logged like any delivery. */
  async sendTest(ctx: RequestContext, endpointId: string): Promise<WebhookDeliveryView> {
    const endpoint = await this.endpoints.load(ctx.tenantId, endpointId);
    const id = randomUUID();
    const occurredAt = new Date();
    const delivery = this.newDelivery(endpoint, { id, type: WEBHOOK_TEST_EVENT_TYPE, occurredAt }, 'test');
    delivery.body = JSON.stringify({
      id,
      type: WEBHOOK_TEST_EVENT_TYPE,
      occurredAt: occurredAt.toISOString(),
      tenantId: ctx.tenantId,
      actor: { userId: ctx.userId },
      data: { endpointId: String(endpoint._id), message: 'A test event from Conversations' },
    });
    await this.deliveries.create(delivery);
    this.dispatcher.wake();
    return deliveryViewOf(delivery);
  }

  private async load(ctx: RequestContext, endpointId: string, deliveryId: string): Promise<DeliveryDocument> {
    const endpoint = await this.endpoints.load(ctx.tenantId, endpointId);
    if (!isValidObjectId(deliveryId)) throw deliveryNotFound();
    const delivery = await this.deliveries
      .findOne({ _id: deliveryId, tenantId: ctx.tenantId, endpointId: endpoint._id })
      .lean<DeliveryDocument>();
    if (!delivery) throw deliveryNotFound();
    return delivery;
  }

  private newDelivery(
    endpoint: WebhookEndpointDocument,
    event: { id: string; type: string; occurredAt: Date },
    origin: DeliveryDocument['origin'],
    replayId?: string,
  ): DeliveryDocument {
    const now = new Date();
    const key = `${String(endpoint._id)}:${event.id}`;
    return {
      _id: new Types.ObjectId(),
      tenantId: endpoint.tenantId,
      endpointId: endpoint._id,
      eventId: event.id,
      eventType: event.type,
      occurredAt: event.occurredAt,
      origin,
      dedupeKey: origin === 'event' ? key : `${key}:${origin}:${replayId ?? randomUUID()}`,
      status: 'pending',
      attemptCount: 0,
      nextAttemptAt: now,
      leaseToken: null,
      attempts: [],
      body: null,
      deliveredAt: null,
      createdAt: now,
    };
  }

  /** Inserts what is not there yet (by dedupeKey); answers the ids of those that were new. */
  private async insertAll(deliveries: DeliveryDocument[]): Promise<Set<string>> {
    if (!deliveries.length) return new Set();
    try {
      await this.deliveries.insertMany(deliveries, { ordered: false });
      return new Set(deliveries.map((delivery) => String(delivery._id)));
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      // Mongoose names the documents an unordered insert did store beside the duplicates.
      const stored = (error as { insertedDocs?: Array<{ _id: unknown }> }).insertedDocs ?? [];
      return new Set(stored.map((delivery) => String(delivery._id)));
    }
  }
}
