import type { RequestContext } from '@conversations/contracts';
import { DueTimeLeases, type PeriodicSweep, ROOT_LOGGER, startPeriodicSweep } from '@conversations/service-kit';
import { BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { MESSAGING_CONFIG, MessagingConfig } from '../config';
import { ConversationsService } from '../conversations/conversations.service';
import type { MessageDocument } from '../messages/message.schema';
import { MessagesRepository } from '../messages/messages.repository';
import { canceledChange, queuedChange } from './schedule-rules';
import { SendTimeChecks } from './send-time-checks';

/** After a failed attempt to check or send (contacts unreachable, say), the message is due again this soon. */
const RETRY_AFTER_FAILURE_MS = 2_000;

interface Claim {
  row: MessageDocument;
  token: string;
}

/**
 * F38: sends each scheduled message once, at its time, from whichever send worker replica claims it —
 * durable across restarts and replica deaths, with no timer that only one process knows about.
 *
 * The store is the schedule: a scheduled message is due at `fireAt` (its `scheduledAt`), index
 * `{ status, fireAt }`. Every SCHEDULE_SWEEP_MS a worker reads the scheduled messages falling due before
 * its next look (at most SCHEDULE_BATCH_SIZE, soonest first) and claims each with service-kit's
 * DueTimeLeases — one conditional update moving `fireAt` to SCHEDULE_LEASE_MS past its time under the
 * worker's token — then holds it and, at its time, checks again what a send checks (SendTimeChecks) and
 * turns it `queued` in one versioned write conditioned on it still being `scheduled` and still carrying
 * this claim. From there it is an ordinary send: message-queued → the send worker's dispatch claim →
 * the carrier, with the normal statuses and events.
 *
 * Exactly once: only one write can turn a scheduled message queued (the version condition), and the send
 * worker calls the carrier once per round (SendWorker). A worker that dies holding a claim leaves the
 * message due again when its lease ends; another sends it then. A change or cancel (ScheduledMessagesService)
 * that lands first wins the same way; a new time drops the claim. On shutdown a worker gives back what it
 * holds, due at once for the others.
 */
@Injectable()
export class ScheduledSender implements BeforeApplicationShutdown {
  readonly leases: DueTimeLeases<MessageDocument>;
  private sweeper?: PeriodicSweep;
  /** Claimed here, waiting for their time. */
  private readonly held = new Map<string, Claim & { timer: NodeJS.Timeout }>();
  /** Their time came; waiting for a free lane. */
  private readonly ready: Claim[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly repository: MessagesRepository,
    private readonly checks: SendTimeChecks,
    private readonly conversations: ConversationsService,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {
    this.leases = new DueTimeLeases(repository.messages, {
      open: { status: 'scheduled' },
      dueField: 'fireAt',
      tokenField: 'fireLeaseToken',
      leaseMs: config.SCHEDULE_LEASE_MS,
    });
  }

  start(): void {
    this.sweeper = startPeriodicSweep('scheduled-messages', () => this.sweep(), {
      intervalMs: this.config.SCHEDULE_SWEEP_MS,
      logger: this.logger,
      runNow: true,
    });
    this.logger.info({ holder: this.leases.holder, sweepMs: this.config.SCHEDULE_SWEEP_MS }, 'scheduled sends started');
  }

  /** Claims the scheduled messages due before the next sweep (a bounded batch) and holds each until its time. */
  async sweep(): Promise<number> {
    const room = this.config.SCHEDULE_BATCH_SIZE - this.held.size - this.ready.length - this.inFlight.size;
    if (this.stopped || room <= 0) return 0;
    const due = await this.leases.due(room, new Date(Date.now() + this.config.SCHEDULE_SWEEP_MS));
    let claimed = 0;
    for (const row of due) {
      if (this.stopped) break;
      if (this.held.has(String(row._id))) continue;
      const lease = this.leases.newLease(row.scheduledAt ?? undefined);
      if (!(await this.leases.claim(row, lease))) continue; // another worker got it first
      claimed++;
      this.hold({ row, token: lease.token });
    }
    return claimed;
  }

  private hold(claim: Claim): void {
    const key = String(claim.row._id);
    const wait = Math.max(0, (claim.row.scheduledAt?.getTime() ?? 0) - Date.now());
    const timer = setTimeout(() => {
      this.held.delete(key);
      this.ready.push(claim);
      this.drain();
    }, wait);
    this.held.set(key, { ...claim, timer });
  }

  /** Sends what is ready, SEND_CONCURRENCY at a time. */
  private drain(): void {
    while (!this.stopped && this.inFlight.size < this.config.SEND_CONCURRENCY && this.ready.length) {
      const claim = this.ready.shift() as Claim;
      const work: Promise<void> = this.fire(claim)
        .catch((error) => {
          this.logger.warn({ err: error, messageId: String(claim.row._id) }, 'scheduled send failed; it is tried again shortly');
          return this.leases.release(claim.row, claim.token, new Date(Date.now() + RETRY_AFTER_FAILURE_MS)).then(() => undefined);
        })
        .catch((error) => this.logger.error({ err: error, messageId: String(claim.row._id) }, 'scheduled send left to its lease'))
        .finally(() => {
          this.inFlight.delete(work);
          this.drain();
        });
      this.inFlight.add(work);
    }
  }

  /** The message's time came: checked again, then queued for the send worker — or canceled with its reason, or deferred (F42). */
  private async fire({ row, token }: Claim): Promise<void> {
    const current = await this.repository.messages.findOne({ _id: row._id, tenantId: row.tenantId }).lean<MessageDocument>();
    // Sent, canceled, rescheduled, or taken over by another worker after our lease ran out.
    if (!current || current.status !== 'scheduled' || current.fireLeaseToken !== token) return;
    const ctx: RequestContext = { tenantId: row.tenantId, userId: 'system:scheduler', requestId: `scheduled:${row._id}` };
    const verdict = await this.checks.verdictFor(ctx, current);
    const stillOurs = (message: MessageDocument) => message.status === 'scheduled' && message.fireLeaseToken === token;
    if (verdict.kind === 'defer') {
      await this.leases.release(current, token, verdict.until);
      return;
    }
    if (verdict.kind === 'cancel') {
      await this.repository.change(row.tenantId, row._id, (message) =>
        stillOurs(message) ? canceledChange(this.repository, { system: 'scheduler' }, message, verdict.reason) : null,
      );
      this.logger.info({ messageId: String(row._id), reason: verdict.reason }, 'scheduled message canceled at its time');
      return;
    }
    const queued = await this.repository.change(row.tenantId, row._id, (message) =>
      stillOurs(message) ? queuedChange(this.repository, ctx, message) : null,
    );
    if (!queued.applied) return;
    const sentAt = new Date();
    this.logger.info(
      { messageId: String(row._id), lateMs: sentAt.getTime() - (current.scheduledAt?.getTime() ?? sentAt.getTime()) },
      'scheduled message queued',
    );
    // The Chat tab shows it as the latest message from the moment it goes.
    const conversation = await this.conversations.ensure(row.tenantId, verdict.contact);
    await this.conversations.recordMessage(ctx, conversation, { ...queued.updated, createdAt: sentAt }, { unread: false, notify: true });
  }

  /** First thing on shutdown (before connections close): no more claims, and what this worker holds goes back. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.sweeper?.stop();
    // What this worker holds goes back to the others at once, rather than when its leases end.
    const holding = [...this.held.values(), ...this.ready.splice(0)];
    for (const claim of this.held.values()) clearTimeout(claim.timer);
    this.held.clear();
    await Promise.all(
      holding.map((claim) => this.leases.release(claim.row, claim.token, claim.row.scheduledAt ?? new Date()).catch(() => false)),
    );
    await Promise.all(this.inFlight);
  }
}
