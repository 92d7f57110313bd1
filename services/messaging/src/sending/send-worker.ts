import { type AnyDomainEvent, MessagingEventTypes } from '@conversations/contracts';
import { EventBus, isDuplicateKey, type PeriodicSweep, ROOT_LOGGER, startPeriodicSweep } from '@conversations/service-kit';
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { Carrier, SendOutcome } from '../carrier/carrier';
import { MESSAGING_CONFIG, MessagingConfig, statusCallbackUrl } from '../config';
import { MessageDocument } from '../messages/message.schema';
import { MessagesRepository } from '../messages/messages.repository';
import { DISPATCH_CLAIM_SWEEP_MS, deleteOldDispatchClaims } from './dispatch-claims-expiry';
import { DISPATCH_CLAIM_MODEL, DISPATCH_MODEL, DispatchClaimDocument, DispatchDocument } from './dispatch.schema';

/** Thrown to have JetStream redeliver the work item later (the handler naks it). */
class RetryLater extends Error {}

/**
 * The outbound pipeline: takes `evt.messaging.message-queued` from a durable JetStream consumer (explicit
 * ack, shared by every worker replica) and hands each message to the carrier exactly once.
 *
 * Exactly-once without carrier idempotency: before calling the carrier a worker claims the message with
 * one atomic single-document write — inserting its dispatch document (unique per message), or moving an
 * existing one from pending to claimed — with a lease token, so no two workers ever call for the same
 * message. The call's outcome decides what happens next (see SendOutcome): only a call that certainly
 * did not reach the carrier is retried. A call that may have reached it (crash, timeout, 5xx) leaves the
 * dispatch `unknown`; the carrier's delivery report, whose URL carries our ref, then records the
 * provider id and closes it. Without a report after RECONCILE_AFTER_MS the carrier's own message list
 * is asked: only when every message it accepted from our number to that recipient while the send was
 * under way belongs to another of our messages is it sent again (the carrier never had it); otherwise it
 * keeps waiting for the late report. A sweep over the open dispatches (a handful, never the message
 * history) finds claims whose worker died and work JetStream has not redelivered yet.
 */
@Injectable()
export class SendWorker implements OnApplicationShutdown {
  private consumer?: { stop: () => Promise<void> };
  private dispatchSweep?: PeriodicSweep;
  private claimsSweep?: PeriodicSweep;
  private stopped = false;

  constructor(
    private readonly bus: EventBus,
    private readonly carrier: Carrier,
    private readonly repository: MessagesRepository,
    @InjectModel(DISPATCH_MODEL) private readonly dispatches: Model<DispatchDocument>,
    @InjectModel(DISPATCH_CLAIM_MODEL) private readonly claims: Model<DispatchClaimDocument>,
    @Inject(MESSAGING_CONFIG) private readonly config: MessagingConfig,
    @Inject(ROOT_LOGGER) private readonly logger: Logger,
  ) {}

  get durableName(): string {
    return `${this.config.NATS_NAMESPACE || 'default'}-messaging-sender`;
  }

  async start(): Promise<void> {
    // Claims make concurrent dispatches safe: each message is owned by one of them at a time.
    this.consumer = await this.bus.consume(this.durableName, `${MessagingEventTypes.messageQueued}.>`, (event) => this.handle(event), {
      concurrency: this.config.SEND_CONCURRENCY,
      // A dead worker's unacknowledged work comes back this soon (a live one's claim keeps it from being sent twice).
      ackWaitMs: this.config.SEND_ACK_WAIT_MS,
    });
    this.dispatchSweep = startPeriodicSweep('dispatches', () => this.sweep(), {
      intervalMs: this.config.DISPATCH_SWEEP_MS,
      logger: this.logger,
    });
    this.claimsSweep = startPeriodicSweep('dispatch_claims', () => deleteOldDispatchClaims(this.claims, this.config.SEND_LEASE_MS), {
      intervalMs: DISPATCH_CLAIM_SWEEP_MS,
      logger: this.logger,
    });
    this.logger.info({ durable: this.durableName, carrier: this.config.CARRIER }, 'send worker started');
  }

  private async handle(event: AnyDomainEvent): Promise<void> {
    if (event.type !== MessagingEventTypes.messageQueued) return;
    await this.dispatch(event.tenantId, event.data.messageId);
  }

  /** Claims the message if it still needs sending and nobody owns it, then calls the carrier once. */
  async dispatch(tenantId: string, messageId: string): Promise<void> {
    if (!Types.ObjectId.isValid(messageId)) return;
    const _id = new Types.ObjectId(messageId);
    const message = await this.repository.messages.findOne({ _id, tenantId }).lean<MessageDocument>();
    if (!message || message.direction !== 'outbound' || message.status !== 'queued' || message.providerMessageId) {
      // Sent, failed, or gone (another deployment's event on a shared NATS): nothing to do, nothing left open.
      if (message) await this.dispatches.deleteOne({ _id, tenantId });
      return;
    }
    const claim = await this.claim(message);
    if (!claim) return;
    // Read again under the claim: whoever settled this message (a worker, a carrier report) wrote the
    // message before removing its dispatch, so a claim won after that removal sees the settled message here.
    const current = await this.repository.messages
      .findOne({ _id, tenantId }, { status: 1, providerMessageId: 1, sendRound: 1 })
      .lean<MessageDocument>();
    if (!current || current.status !== 'queued' || current.providerMessageId || current.sendRound !== message.sendRound) {
      await this.dispatches.deleteOne({ _id, tenantId, leaseToken: claim.leaseToken });
      return;
    }
    const outcome = await this.carrier.send({
      from: message.from,
      to: message.to,
      text: message.body,
      channel: message.channel === 'whatsapp' ? 'whatsapp' : 'sms',
      statusCallbackUrl: statusCallbackUrl(this.config, `${message._id}.${message.sendRound}`),
    });
    await this.settle(message, claim, outcome);
  }

  /** One atomic write makes this worker the only one calling the carrier for the message (until the lease ends). */
  private async claim(message: MessageDocument): Promise<DispatchDocument | null> {
    const now = new Date();
    const lease = { state: 'claimed' as const, leaseToken: randomUUID(), leaseUntil: new Date(now.getTime() + this.config.SEND_LEASE_MS) };
    const key = { _id: message._id, tenantId: message.tenantId };
    try {
      const created = await this.dispatches.create({
        ...key,
        round: message.sendRound,
        attempts: 1,
        nextAttemptAt: now,
        unknownSince: null,
        createdAt: now,
        ...lease,
      });
      return created.toObject();
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    // A dispatch of an earlier round (before a user's retry) is finished business.
    await this.dispatches.deleteOne({ ...key, round: { $lt: message.sendRound } });
    const current = await this.dispatches.findOne(key).lean<DispatchDocument>();
    if (!current) return this.claim(message);
    if (current.round !== message.sendRound || current.state !== 'pending') return null; // Claimed, accepted, or waiting for the carrier's report.
    const wait = current.nextAttemptAt.getTime() - now.getTime();
    if (wait > 0) throw new RetryLater(`not due for ${wait} ms`);
    // The claim of this attempt is a unique insert: of two workers reading the same pending dispatch, one wins.
    const attempt = current.attempts + 1;
    try {
      await this.claims.create({ _id: `${message._id}.${message.sendRound}.${attempt}`, tenantId: message.tenantId, createdAt: now });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    await this.dispatches.updateOne(key, { $set: { ...lease, attempts: attempt } });
    return { ...current, ...lease, attempts: attempt };
  }

  private async settle(message: MessageDocument, claim: DispatchDocument, outcome: SendOutcome): Promise<void> {
    const key = { _id: message._id, tenantId: message.tenantId };
    const ours = { ...key, leaseToken: claim.leaseToken };
    switch (outcome.kind) {
      case 'accepted':
        // Recorded on the dispatch, not the message: the carrier's reports write the message (one writer,
        // see MessagesRepository.applyChange); the first of them removes this dispatch.
        await this.dispatches.updateOne(key, {
          $set: { state: 'accepted', providerMessageId: outcome.providerMessageId, leaseToken: null },
        });
        return;
      case 'rejected':
        await this.fail(message, outcome.reason, outcome.code);
        return;
      case 'transient': {
        if (claim.attempts >= this.config.SEND_MAX_ATTEMPTS) {
          await this.fail(
            message,
            `The carrier could not be reached after ${claim.attempts} attempts (${outcome.reason}); nothing was sent. Try again later.`,
            'unreachable',
          );
          return;
        }
        const delay = Math.min(30_000, 500 * 2 ** (claim.attempts - 1));
        await this.dispatches.updateOne(ours, {
          $set: { state: 'pending', nextAttemptAt: new Date(Date.now() + delay), leaseToken: null, leaseUntil: null },
        });
        this.logger.warn(
          { messageId: String(message._id), attempts: claim.attempts, delay, reason: outcome.reason },
          'carrier busy; send retried later',
        );
        throw new RetryLater(outcome.reason);
      }
      case 'unknown':
        // leaseUntil stays: it bounds when this call could have reached the carrier.
        await this.dispatches.updateOne(ours, { $set: { state: 'unknown', unknownSince: new Date(), leaseToken: null } });
        this.logger.warn(
          { messageId: String(message._id), reason: outcome.reason },
          'send outcome unknown; waiting for the carrier’s report before any resend',
        );
        return;
    }
  }

  private async fail(message: MessageDocument, reason: string, code: string): Promise<void> {
    await this.repository.applyChange(message.tenantId, message._id, (current) => {
      if (current.status !== 'queued' || current.sendRound !== message.sendRound || current.providerMessageId) return null;
      return {
        set: {
          status: 'failed',
          failureReason: reason,
          statusTrail: [...current.statusTrail, { status: 'failed', at: new Date().toISOString(), reason, carrierCode: code }],
        },
        events: (updated) => [this.repository.statusEvent({ system: 'send-worker' }, updated, 'queued')],
      };
    });
    await this.dispatches.deleteOne({ _id: message._id, tenantId: message.tenantId });
  }

  /**
   * Recovery over the open dispatches: claims whose worker died (lease expired → unknown), interrupted
   * sends past the reconcile window without a carrier report (→ sent: the carrier never took them), and
   * pending work that is due but was not redelivered yet.
   */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    const now = Date.now();
    const open = await this.dispatches
      .find({ state: { $in: ['pending', 'claimed', 'unknown', 'accepted'] } })
      .setOptions({ crossTenant: true })
      .limit(1_000)
      .lean<DispatchDocument[]>();
    const due: DispatchDocument[] = [];
    for (const dispatch of open) {
      const key = { _id: dispatch._id, tenantId: dispatch.tenantId };
      if (dispatch.state === 'claimed' && dispatch.leaseUntil && dispatch.leaseUntil.getTime() < now) {
        await this.dispatches.updateOne(
          { ...key, state: 'claimed', leaseToken: dispatch.leaseToken },
          { $set: { state: 'unknown', unknownSince: new Date(), leaseToken: null } },
        );
        this.logger.warn(
          { messageId: String(dispatch._id) },
          'a worker’s claim expired mid-send; waiting for the carrier’s report before any resend',
        );
      } else if (
        dispatch.state === 'unknown' &&
        dispatch.unknownSince &&
        dispatch.unknownSince.getTime() < now - this.config.RECONCILE_AFTER_MS
      ) {
        const message = await this.repository.messages
          .findOne(key, { tenantId: 1, providerMessageId: 1, status: 1, from: 1, to: 1 })
          .lean<MessageDocument>();
        if (!message || message.providerMessageId || message.status !== 'queued') {
          await this.dispatches.deleteOne(key);
          continue;
        }
        if (!(await this.carrierCannotHaveIt(message, dispatch))) {
          // The carrier may have it and its report is late: look again after another window, never resend blindly.
          await this.dispatches.updateOne({ ...key, state: 'unknown' }, { $set: { unknownSince: new Date() } });
          continue;
        }
        // No report, and nothing at the carrier we cannot account for: this send is the first one it will see.
        const reopened = await this.dispatches.updateOne(
          { ...key, state: 'unknown' },
          { $set: { state: 'pending', nextAttemptAt: new Date(), unknownSince: null } },
        );
        if (reopened.modifiedCount) due.push(dispatch);
      } else if (dispatch.state === 'accepted' && dispatch.createdAt.getTime() < now - this.config.RECONCILE_AFTER_MS) {
        // No report yet: record the provider id so reports without our ref still find the message.
        const message = await this.repository.messages.findOne(key, { providerMessageId: 1, sendRound: 1 }).lean<MessageDocument>();
        if (message && !message.providerMessageId && message.sendRound === dispatch.round && dispatch.providerMessageId) {
          const providerMessageId = dispatch.providerMessageId;
          await this.repository.applyChange(dispatch.tenantId, dispatch._id, (current) =>
            current.providerMessageId ? null : { set: { providerMessageId }, events: () => [] },
          );
        }
        await this.dispatches.deleteOne(key);
      } else if (dispatch.state === 'pending' && dispatch.nextAttemptAt.getTime() < now - this.config.DISPATCH_SWEEP_MS) {
        due.push(dispatch);
      }
    }
    const queue = [...due];
    const lane = async () => {
      for (let dispatch = queue.shift(); dispatch && !this.stopped; dispatch = queue.shift()) {
        const id = String(dispatch._id);
        await this.dispatch(dispatch.tenantId, id).catch((error) => {
          if (!(error instanceof RetryLater)) this.logger.warn({ err: error, messageId: id }, 'sweep dispatch failed');
        });
      }
    };
    await Promise.all(Array.from({ length: this.config.SEND_CONCURRENCY }, lane));
  }

  /**
   * The carrier's own record decides an interrupted send: every message it accepted from our number to
   * this recipient since the send began must belong to one of our messages (by provider id). One it
   * cannot account for may be this message, whose report is late — so it is not sent again.
   */
  private async carrierCannotHaveIt(message: MessageDocument, dispatch: DispatchDocument): Promise<boolean> {
    // A call for this message can only have reached the carrier while a worker held its lease (the carrier
    // timeout is shorter): from the first claim to the end of the last lease, with a margin for clock skew.
    const skew = 5_000;
    const until = (dispatch.leaseUntil ?? dispatch.unknownSince ?? new Date()).getTime() + skew;
    const accepted = await this.carrier.acceptedBetween(
      message.from,
      message.to,
      new Date(dispatch.createdAt.getTime() - skew),
      new Date(until),
    );
    if (accepted === null) return false;
    if (!accepted.length) return true;
    const known = await this.repository.messages
      .find(
        { tenantId: message.tenantId, $or: [{ providerMessageId: { $in: accepted } }, { previousProviderIds: { $in: accepted } }] },
        { providerMessageId: 1, previousProviderIds: 1 },
      )
      .lean<MessageDocument[]>();
    const pendingReports = await this.dispatches
      .find({ tenantId: message.tenantId, providerMessageId: { $in: accepted } }, { providerMessageId: 1 })
      .lean<DispatchDocument[]>();
    const accounted = new Set([
      ...known.flatMap((row) => [row.providerMessageId, ...(row.previousProviderIds ?? [])]),
      ...pendingReports.map((row) => row.providerMessageId),
    ]);
    const unaccounted = accepted.filter((id) => !accounted.has(id));
    if (unaccounted.length)
      this.logger.info(
        { messageId: String(message._id), unaccounted: unaccounted.length },
        'the carrier has messages to this recipient not yet matched to ours; waiting for their reports',
      );
    return unaccounted.length === 0;
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.dispatchSweep?.stop();
    await this.claimsSweep?.stop();
    await this.consumer?.stop();
  }
}
