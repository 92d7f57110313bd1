import { DueTimeLeases, ROOT_LOGGER, type PeriodicSweep, startPeriodicSweep } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { WEBHOOKS_CONFIG, WebhooksConfig } from '../config';
import { signingSecretsOf, type WebhookEndpointDocument } from '../endpoints/endpoint.schema';
import { EndpointsService } from '../endpoints/endpoints.service';
import { EventLogService } from '../event-log/event-log.service';
import { SafeHttpClient } from '../outbound/safe-http-client';
import { signedHeaders } from '../outbound/webhook-signer';
import { type DeliveryAttempt, type DeliveryDocument, WEBHOOK_DELIVERY_MODEL } from './delivery.schema';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';

/** How much of a response body the log keeps (the read itself is capped by WEBHOOK_RESPONSE_BODY_MAX_BYTES). */
const LOGGED_BODY_CHARS = 1_024;

/**
 * Sends due deliveries. The store is the schedule: pending deliveries with `nextAttemptAt` in the past
 * are due (index `status, nextAttemptAt`), swept every WEBHOOK_DISPATCH_SWEEP_MS and at once when a
 * delivery is created or an attempt ends. A delivery is claimed by one conditional update that moves its
 * `nextAttemptAt` a lease ahead (WEBHOOK_LEASE_MS) under a new token (service-kit's DueTimeLeases), so
 * replicas never send the same attempt twice, and one killed mid-request leaves the delivery due again
 * when the lease ends. In flight
 * at once: WEBHOOK_CONCURRENCY per replica, WEBHOOK_ENDPOINT_CONCURRENCY per endpoint, so one slow
 * receiver holds a few slots, not the pipeline.
 */
@Injectable()
export class DeliveryDispatcher implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = 0;
  private readonly perEndpoint = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private sweeper?: PeriodicSweep;
  private pass?: Promise<number>;
  private again = false;
  /** Due rows read by the last sweep and not taken yet (their endpoint was at its limit, or no slot was free). */
  private due: DeliveryDocument[] = [];
  private fresh = true;
  private stopped = false;
  private readonly schedule: RetrySchedule;
  private readonly leases: DueTimeLeases<DeliveryDocument>;

  constructor(
    @InjectModel(WEBHOOK_DELIVERY_MODEL) private readonly deliveries: Model<DeliveryDocument>,
    private readonly endpoints: EndpointsService,
    private readonly eventLog: EventLogService,
    private readonly client: SafeHttpClient,
    @Inject(WEBHOOKS_CONFIG) private readonly config: WebhooksConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.schedule = {
      baseMs: config.WEBHOOK_RETRY_BASE_MS,
      factor: config.WEBHOOK_RETRY_FACTOR,
      maxDelayMs: config.WEBHOOK_RETRY_MAX_DELAY_MS,
      maxAttempts: config.WEBHOOK_MAX_ATTEMPTS,
    };
    this.leases = new DueTimeLeases(deliveries, {
      open: { status: 'pending' },
      dueField: 'nextAttemptAt',
      tokenField: 'leaseToken',
      leaseMs: config.WEBHOOK_LEASE_MS,
    });
  }

  onApplicationBootstrap(): void {
    this.sweeper = startPeriodicSweep('webhook-deliveries', () => this.sweepNow(true), {
      intervalMs: this.config.WEBHOOK_DISPATCH_SWEEP_MS,
      logger: this.logger,
      runNow: true,
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeper?.stop();
    await this.pass?.catch(() => undefined);
    // Attempts in flight finish (each bounded by the request timeout); one cut short is retried after its lease.
    await Promise.all(this.inFlight);
  }

  /**
   * Look for due deliveries now. `fresh`: read the store again (new or resent deliveries); otherwise the
   * due rows read by the last sweep are claimed first, so a finished attempt's free slot costs no query.
   */
  wake(fresh = true): void {
    if (this.stopped) return;
    if (fresh) this.fresh = true;
    this.sweepNow().catch((error) => this.logger.warn({ err: error }, 'webhook dispatch sweep failed; the next one retries'));
  }

  /** One sweep at a time; a wake-up during a sweep runs another right after it. */
  sweepNow(fresh = false): Promise<number> {
    if (fresh) this.fresh = true;
    if (this.pass) {
      this.again = true;
      return this.pass;
    }
    this.pass = (async () => {
      let claimed = 0;
      do {
        this.again = false;
        claimed += await this.claimDue();
      } while (this.again && !this.stopped);
      return claimed;
    })().finally(() => (this.pass = undefined));
    return this.pass;
  }

  /**
   * Takes a slot for a delivery of `endpointKey` if one is free (globally and for the endpoint). The
   * caller then starts the attempt (`startClaimed`) or gives the slot back (`release`).
   */
  reserve(endpointKey: string): boolean {
    if (this.stopped || this.running >= this.config.WEBHOOK_CONCURRENCY) return false;
    if ((this.perEndpoint.get(endpointKey) ?? 0) >= this.config.WEBHOOK_ENDPOINT_CONCURRENCY) return false;
    this.running++;
    this.perEndpoint.set(endpointKey, (this.perEndpoint.get(endpointKey) ?? 0) + 1);
    return true;
  }

  release(endpointKey: string): void {
    this.running--;
    const left = (this.perEndpoint.get(endpointKey) ?? 1) - 1;
    if (left > 0) this.perEndpoint.set(endpointKey, left);
    else this.perEndpoint.delete(endpointKey);
  }

  /** The lease a delivery written already claimed carries (see DeliveriesService.fanOut). */
  newLease(): { leaseToken: string; nextAttemptAt: Date } {
    const lease = this.leases.newLease();
    return { leaseToken: lease.token, nextAttemptAt: lease.until };
  }

  private async claimDue(): Promise<number> {
    if (this.stopped || this.running >= this.config.WEBHOOK_CONCURRENCY) return 0;
    const readNow = this.fresh || !this.due.length;
    if (readNow) {
      this.fresh = false;
      const free = this.config.WEBHOOK_CONCURRENCY - this.running;
      this.due = await this.leases.due(Math.max(free * 4, 100));
    }
    const read = this.due.length;
    const waiting: DeliveryDocument[] = [];
    let claimed = 0;
    for (const row of this.due) {
      const endpointKey = String(row.endpointId);
      if (!this.reserve(endpointKey)) {
        waiting.push(row);
        continue;
      }
      const lease = this.leases.newLease();
      if (!(await this.leases.claim(row, lease))) {
        this.release(endpointKey); // another replica (or a resend) got there first
        continue;
      }
      claimed++;
      this.startClaimed(row, lease.token);
    }
    this.due = waiting;
    // A whole batch read and taken: there may be more due right behind it.
    if (readNow && read && claimed === read) this.again = true;
    return claimed;
  }

  /** Runs the attempt of a delivery this replica claimed under `token`, in a slot taken by `reserve`. */
  startClaimed(row: DeliveryDocument, token: string, known: { endpoint?: WebhookEndpointDocument; body?: string } = {}): void {
    const endpointKey = String(row.endpointId);
    const work = this.attempt(row, token, known)
      .catch((error) =>
        this.logger.error({ err: error, deliveryId: String(row._id) }, 'webhook attempt failed unexpectedly; retried after its lease'),
      )
      .finally(() => {
        this.release(endpointKey);
        this.inFlight.delete(work);
        this.wake(false);
      });
    this.inFlight.add(work);
  }

  private async attempt(row: DeliveryDocument, token: string, known: { endpoint?: WebhookEndpointDocument; body?: string }): Promise<void> {
    const endpoint = known.endpoint ?? (await this.endpoints.find(row.tenantId, row.endpointId));
    if (!endpoint) return this.cancel(row, token, 'not sent: the endpoint was deleted');
    if (!endpoint.enabled && row.origin !== 'test') return this.cancel(row, token, 'not sent: the endpoint is disabled');
    const body = row.body ?? known.body ?? (await this.eventLog.find(row.tenantId, row.eventId))?.body;
    if (!body) return this.cancel(row, token, 'not sent: the event is no longer kept');

    const at = new Date();
    const started = performance.now();
    const result = await this.client.post(endpoint.url, {
      headers: signedHeaders(signingSecretsOf(endpoint, at), row.eventId, at, body),
      body,
      timeoutMs: this.config.WEBHOOK_REQUEST_TIMEOUT_MS,
      maxRedirects: this.config.WEBHOOK_MAX_REDIRECTS,
      maxResponseBytes: this.config.WEBHOOK_RESPONSE_BODY_MAX_BYTES,
    });
    const attempt: DeliveryAttempt = {
      at,
      durationMs: Math.round(performance.now() - started),
      statusCode: result.statusCode,
      error: result.error,
      responseBody: result.responseBody === null ? null : result.responseBody.slice(0, LOGGED_BODY_CHARS),
      url: result.url,
    };
    const delivered = result.error === null;
    const attemptCount = row.attemptCount + 1;
    const outcome: Partial<DeliveryDocument> = delivered
      ? { status: 'delivered', deliveredAt: new Date(), nextAttemptAt: null }
      : attemptCount >= this.schedule.maxAttempts
        ? { status: 'failed', nextAttemptAt: null }
        : { nextAttemptAt: new Date(Date.now() + retryDelayMs(this.schedule, attemptCount)) };
    await this.deliveries.updateOne(
      { _id: row._id, tenantId: row.tenantId, leaseToken: token },
      { $set: { ...outcome, attemptCount, leaseToken: null }, $push: { attempts: attempt } },
    );
    if (!delivered) {
      // The URL and outcome only: headers (signatures) and bodies stay out of logs.
      this.logger.info(
        {
          deliveryId: String(row._id),
          endpointId: String(endpoint._id),
          attempt: attemptCount,
          statusCode: result.statusCode,
          error: result.error,
        },
        'webhook attempt failed',
      );
    }
    // A test event says nothing about the endpoint's health.
    if (row.origin === 'test') return;
    await (delivered ? this.endpoints.recordSuccess(endpoint) : this.endpoints.recordFailure(endpoint, at));
  }

  private async cancel(row: DeliveryDocument, token: string, reason: string): Promise<void> {
    const note: DeliveryAttempt = { at: new Date(), durationMs: 0, statusCode: null, error: reason, responseBody: null, url: '' };
    await this.deliveries.updateOne(
      { _id: row._id, tenantId: row.tenantId, leaseToken: token },
      { $set: { status: 'cancelled', nextAttemptAt: null, leaseToken: null }, $push: { attempts: note } },
    );
  }
}
