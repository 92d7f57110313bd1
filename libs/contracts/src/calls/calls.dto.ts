import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

/** Status of a call as the carrier reports it; the last five are final and never change again. */
export const CALL_STATUSES = ['initiated', 'ringing', 'in-progress', 'completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
export const FINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'busy', 'no-answer', 'failed', 'canceled'];

const E164 = /^\+[1-9][0-9]{6,14}$/;

/** F13 click-to-call: `from` is the caller id the contact sees (one of the tenant's voice numbers). */
export class StartCallDto {
  @Matches(E164, { message: 'from must be a phone number in E.164 form, e.g. +14155550100' }) from!: string;
}

/** F8, F9: the Calls tab. */
export class ListCallsQueryDto {
  /** Contact name words (prefix, case/accent-insensitive) or a phone number in any format. */
  @IsOptional() @IsString() @MaxLength(100) search?: string;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** One contact's calls (calls.list-for-contact): the (startedAt, _id) cursor the timeline merges with messages. */
export class CallsPageQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** F14: one contact's merged timeline; `before` is the `nextCursor` of the previous page. */
export class TimelineQueryDto {
  @IsOptional() @IsString() @MaxLength(200) before?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/**
 * Which leg of our call a carrier callback is about, from the `ref` query parameter we put on every
 * callback URL: `<callId>.agent` (click-to-call: the user's phone), `<callId>.contact` (the bridged
 * contact leg) or absent (an inbound call the carrier started).
 */
export type CarrierCallLeg = 'agent' | 'contact';

/** Plivo's answer webhook (the carrier asks what to do with a call), verified and parsed by the gateway. */
export interface CarrierCallAnswer {
  carrier: 'plivo';
  providerCallId: string;
  from: string;
  to: string;
  /** Plivo's Direction: `inbound` for a call to our number, `outbound` for a leg we started. */
  direction: 'inbound' | 'outbound';
  ref: string | null;
}

/**
 * Plivo's call callbacks, verified and parsed by the gateway:
 * - `hangup`: a call leg we know by its CallUUID ended (hangup_url; CallStatus, Duration, HangupCause);
 * - `dial`: the result of a `<Dial>` (its action URL; DialStatus, DialBLegDuration, DialHangupCause),
 *   answered with XML saying what the call does next (e.g. voicemail after no answer).
 * Webhook URLs: <gateway>/api/v1/webhooks/plivo/voice/{answer,hangup,dial,recording}?ref=…
 */
export interface CarrierCallStatus {
  carrier: 'plivo';
  event: 'hangup' | 'dial';
  /** The A leg's CallUUID (for `dial`: DialALegUUID or CallUUID). */
  providerCallId: string;
  /** The carrier's own status word: completed, busy, no-answer, timeout, failed, cancel, canceled, rejected… */
  status: string;
  /** Billed seconds of talk, when the carrier gives it. */
  durationSeconds: number | null;
  hangupCause: string | null;
  /** `dial` only: DialBLegUUID, the CallUUID of the leg the `<Dial>` rang (empty when nobody answered). */
  dialLegCallId?: string | null;
  from: string | null;
  to: string | null;
  ref: string | null;
}

/** Plivo's recording callback, verified and parsed by the gateway. */
export interface CarrierCallRecording {
  carrier: 'plivo';
  providerCallId: string;
  recordingId: string;
  recordingUrl: string;
  durationSeconds: number;
  ref: string | null;
}

/** What the calls service answers to a voice webhook: the Plivo XML the gateway returns to the carrier. */
export interface CarrierXmlResponse {
  xml: string;
  /** False when the callback changed nothing (a duplicate, or late after a final status). */
  applied?: boolean;
}
