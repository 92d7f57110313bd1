import {
  type CreateWebhookEndpointDto,
  type DomainEvent,
  ErrorCodes,
  type ListWebhookEndpointsQueryDto,
  type Page,
  type RequestContext,
  type RotateWebhookSecretDto,
  type UpdateWebhookEndpointDto,
  type WebhookEndpointDisabledEventData,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  WebhookEventTypes,
} from '@conversations/contracts';
import { afterCursorFilter, DomainError, newEvent, OutboxRelay, toPage, VersionedStore } from '@conversations/service-kit';
import { Inject, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../config';
import { addressPolicyFor, urlProblemOf } from '../outbound/address-policy';
import { newWebhookSecret } from '../outbound/webhook-signer';
import { type EndpointSecret, WEBHOOK_ENDPOINT_MODEL, type WebhookEndpointDocument } from './endpoint.schema';
import { endpointViewOf } from './endpoint.view';

const DEFAULT_PAGE_SIZE = 50;
/** A tenant's endpoints are few; the cap keeps one tenant's fan-out per event bounded. */
export const MAX_ENDPOINTS_PER_TENANT = 50;

export const endpointNotFound = () => new DomainError(ErrorCodes.NOT_FOUND, 'Webhook endpoint not found');

@Injectable()
export class EndpointsService {
  private readonly store: VersionedStore<WebhookEndpointDocument>;

  constructor(
    @InjectModel(WEBHOOK_ENDPOINT_MODEL) private readonly endpoints: Model<WebhookEndpointDocument>,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    outbox: OutboxRelay,
  ) {
    this.store = new VersionedStore(endpoints, outbox, {
      notFound: endpointNotFound,
      busy: () => new DomainError(ErrorCodes.CHANGE_IN_PROGRESS, 'The endpoint is being changed by someone else; reload it and try again'),
    });
  }

  async list(ctx: RequestContext, query: ListWebhookEndpointsQueryDto): Promise<Page<WebhookEndpointView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.endpoints
      .find({ tenantId: ctx.tenantId, ...afterCursorFilter('createdAt', query.cursor) })
      .sort({ createdAt: -1, _id: -1 })
      .limit(limit + 1)
      .lean<WebhookEndpointDocument[]>();
    return toPage(
      rows,
      limit,
      (row) => row.createdAt,
      (row) => endpointViewOf(row),
    );
  }

  /** Every endpoint of the tenant (at most MAX_ENDPOINTS_PER_TENANT), for fanning an event out. */
  allOf(tenantId: string): Promise<WebhookEndpointDocument[]> {
    return this.endpoints
      .find({ tenantId })
      .sort({ createdAt: -1, _id: -1 })
      .limit(MAX_ENDPOINTS_PER_TENANT)
      .lean<WebhookEndpointDocument[]>()
      .exec();
  }

  find(tenantId: string, id: unknown): Promise<WebhookEndpointDocument | null> {
    return this.store.find(tenantId, id);
  }

  load(tenantId: string, id: unknown): Promise<WebhookEndpointDocument> {
    return this.store.load(tenantId, id);
  }

  async get(ctx: RequestContext, id: string): Promise<WebhookEndpointView> {
    return endpointViewOf(await this.load(ctx.tenantId, id));
  }

  async create(ctx: RequestContext, input: CreateWebhookEndpointDto): Promise<WebhookEndpointWithSecret> {
    this.requireUrl(input.url);
    const count = await this.endpoints.countDocuments({ tenantId: ctx.tenantId });
    if (count >= MAX_ENDPOINTS_PER_TENANT) {
      throw DomainError.validation({ url: [`an account has at most ${MAX_ENDPOINTS_PER_TENANT} webhook endpoints`] });
    }
    const now = new Date();
    const secret = newWebhookSecret();
    const endpoint: WebhookEndpointDocument = {
      _id: new Types.ObjectId(),
      tenantId: ctx.tenantId,
      url: input.url,
      eventTypes: input.eventTypes ?? null,
      enabled: input.enabled ?? true,
      description: input.description?.trim() || null,
      secrets: [{ secret, createdAt: now, expiresAt: null }],
      failingSince: null,
      consecutiveFailures: 0,
      disabledAt: null,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
      outbox: [],
    };
    await this.store.insert(endpoint, []);
    return { endpoint: endpointViewOf(endpoint, now), secret };
  }

  async update(ctx: RequestContext, id: string, changes: UpdateWebhookEndpointDto): Promise<WebhookEndpointView> {
    if (changes.url !== undefined) this.requireUrl(changes.url);
    const result = await this.store.change(ctx.tenantId, id, (current) => {
      const set: Partial<WebhookEndpointDocument> = {};
      if (changes.url !== undefined && changes.url !== current.url) set.url = changes.url;
      if (changes.eventTypes !== undefined) set.eventTypes = changes.eventTypes;
      if (changes.description !== undefined) set.description = changes.description?.trim() || null;
      if (changes.enabled !== undefined && changes.enabled !== current.enabled) {
        set.enabled = changes.enabled;
        // Enabled again (by a person): the failure run and the automatic-disable notice start afresh.
        if (changes.enabled) Object.assign(set, { disabledAt: null, disabledReason: null, failingSince: null, consecutiveFailures: 0 });
      }
      if (!Object.keys(set).length) return null;
      return { set, events: () => [] };
    });
    return endpointViewOf(result.updated);
  }

  async delete(ctx: RequestContext, id: string): Promise<{ deleted: boolean }> {
    const endpoint = await this.load(ctx.tenantId, id);
    // Its pending deliveries are cancelled when they come due (the endpoint is gone).
    const result = await this.endpoints.deleteOne({ _id: endpoint._id, tenantId: ctx.tenantId });
    return { deleted: result.deletedCount === 1 };
  }

  /**
   * A new current secret; the previous one keeps signing beside it for the overlap (default
   * WEBHOOK_SECRET_OVERLAP_MS), so the receiver can switch without losing a delivery.
   */
  async rotateSecret(ctx: RequestContext, id: string, input: RotateWebhookSecretDto): Promise<WebhookEndpointWithSecret> {
    const now = new Date();
    const overlapMs = input.overlapMinutes !== undefined ? input.overlapMinutes * 60_000 : this.config.WEBHOOK_SECRET_OVERLAP_MS;
    const secret = newWebhookSecret();
    const result = await this.store.change(ctx.tenantId, id, (current) => {
      const [currentSecret] = current.secrets.filter((entry) => !entry.expiresAt);
      const secrets: EndpointSecret[] = [{ secret, createdAt: now, expiresAt: null }];
      // Only the secret being replaced overlaps: older rotated-out ones end now.
      if (currentSecret && overlapMs > 0) secrets.push({ ...currentSecret, expiresAt: new Date(now.getTime() + overlapMs) });
      return { set: { secrets }, events: () => [] };
    });
    return { endpoint: endpointViewOf(result.updated, now), secret };
  }

  /** A delivery succeeded: a run of failures (if any) ends. */
  async recordSuccess(endpoint: WebhookEndpointDocument): Promise<void> {
    if (!endpoint.failingSince && !endpoint.consecutiveFailures) return;
    await this.endpoints.updateOne(
      { _id: endpoint._id, tenantId: endpoint.tenantId },
      { $set: { failingSince: null, consecutiveFailures: 0 } },
    );
  }

  /**
   * A delivery attempt failed. An endpoint failing continuously for WEBHOOK_DISABLE_AFTER_MS and at
   * least WEBHOOK_DISABLE_AFTER_FAILURES times in a row is disabled, with evt.webhooks.endpoint-disabled.
   */
  async recordFailure(endpoint: WebhookEndpointDocument, at: Date): Promise<void> {
    const filter = { _id: endpoint._id, tenantId: endpoint.tenantId };
    await this.endpoints.updateOne({ ...filter, failingSince: null }, { $set: { failingSince: at } });
    await this.endpoints.updateOne(filter, { $inc: { consecutiveFailures: 1 } });
    const current = await this.store.find(endpoint.tenantId, endpoint._id);
    if (!current?.enabled || !current.failingSince) return;
    const failingForMs = at.getTime() - new Date(current.failingSince).getTime();
    if (failingForMs < this.config.WEBHOOK_DISABLE_AFTER_MS || current.consecutiveFailures < this.config.WEBHOOK_DISABLE_AFTER_FAILURES)
      return;
    await this.store.change(endpoint.tenantId, endpoint._id, (latest) => {
      if (!latest.enabled) return null;
      const hours = Math.round((failingForMs / 3600_000) * 10) / 10;
      const reason = `Disabled automatically: every delivery failed for ${hours} h (${latest.consecutiveFailures} attempts in a row)`;
      const set: Partial<WebhookEndpointDocument> = { enabled: false, disabledAt: at, disabledReason: reason };
      return {
        set,
        events: (): DomainEvent[] => [
          newEvent<WebhookEndpointDisabledEventData>(
            WebhookEventTypes.endpointDisabled,
            latest.tenantId,
            { system: 'webhooks' },
            {
              endpointId: String(latest._id),
              url: latest.url,
              reason,
              failingSince: new Date(latest.failingSince ?? at).toISOString(),
              consecutiveFailures: latest.consecutiveFailures,
            },
          ),
        ],
      };
    });
  }

  private requireUrl(url: string): void {
    const problem = urlProblemOf(url, addressPolicyFor(this.config.NODE_ENV));
    if (problem) throw DomainError.validation({ url: [problem] });
  }
}
