import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

export const MESSAGE_CHANNELS = ['sms', 'whatsapp', 'imessage'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** The longest body a person may type; the rendered body is also checked against the channel's limit. */
export const MAX_TYPED_BODY_LENGTH = 4096;

const E164 = /^\+[1-9][0-9]{6,14}$/;
const E164_MESSAGE = 'must be a phone number in E.164 form, e.g. +14155550100';

/** F38: an instant, never a wall-clock time: the date and time with their UTC offset (or Z). */
const WITH_OFFSET = /(Z|[+-][0-9]{2}:[0-9]{2})$/;
const SCHEDULED_AT_DATE = 'scheduledAt must be a real date and time in ISO 8601 form, e.g. 2026-06-10T09:00:00-04:00';
const SCHEDULED_AT_OFFSET = 'scheduledAt must end with its UTC offset (e.g. -04:00) or Z: a time without one could be any time zone';
const CANCEL_IF_REPLIED_FORMAT = 'cancelIfReplied must be true or false';
const OBJECT_ID = /^[0-9a-f]{24}$/;

/** F18, F21–F24: a message typed in the composer. */
export class SendMessageDto {
  @IsIn(MESSAGE_CHANNELS, { message: 'channel must be one of sms, whatsapp, imessage' }) channel!: MessageChannel;
  @IsString() @MinLength(1, { message: 'body must not be empty' }) @MaxLength(MAX_TYPED_BODY_LENGTH) body!: string;
  /** SMS/WhatsApp sender; when absent the contact's remembered SMS From choice (F31) is used. */
  @IsOptional() @Matches(E164, { message: `from ${E164_MESSAGE}` }) from?: string;
  /** Chosen by the client once per typed message: a retried request with the same id sends nothing twice. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9._:-]{8,100}$/, { message: 'clientMessageId must be 8–100 letters, digits, . _ : or - (a UUID works)' })
  clientMessageId?: string;
  /** F38: send later, at this instant (at least 30 s and at most a year ahead); the message is stored `scheduled`. */
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: SCHEDULED_AT_DATE })
  @Matches(WITH_OFFSET, { message: SCHEDULED_AT_OFFSET })
  scheduledAt?: string;
  /** F38: with `scheduledAt` only — cancel it if the contact sends a message before it goes. */
  @IsOptional() @IsBoolean({ message: CANCEL_IF_REPLIED_FORMAT }) cancelIfReplied?: boolean;
}

/** F38: a change of a scheduled message while it has not gone; at least one field. */
export class UpdateScheduledMessageDto {
  @IsOptional() @IsString() @MinLength(1, { message: 'body must not be empty' }) @MaxLength(MAX_TYPED_BODY_LENGTH) body?: string;
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true }, { message: SCHEDULED_AT_DATE })
  @Matches(WITH_OFFSET, { message: SCHEDULED_AT_OFFSET })
  scheduledAt?: string;
  @IsOptional() @IsBoolean({ message: CANCEL_IF_REPLIED_FORMAT }) cancelIfReplied?: boolean;
}

/** F38: the tenant's scheduled messages that have not gone yet, soonest first. */
export class ListScheduledMessagesQueryDto {
  @IsOptional() @Matches(OBJECT_ID, { message: 'contactId must be a contact id' }) contactId?: string;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** F31: the contact's SMS From number; null forgets the choice. */
export class SetSmsFromDto {
  @ValidateIf((_, value) => value !== null)
  @Matches(E164, { message: `from ${E164_MESSAGE}, or null` })
  from!: string | null;
}

export class ListConversationsQueryDto {
  /** Contact name words (prefix, case/accent-insensitive) or a phone number in any format (F7). */
  @IsOptional() @IsString() @MaxLength(100) search?: string;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

export class MessagesPageQueryDto {
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** A carrier's delivery report, already verified and parsed by the gateway. */
export interface CarrierStatusReport {
  carrier: 'plivo';
  providerMessageId: string;
  /** The carrier's own status word, e.g. queued, sent, delivered, undelivered, failed, read. */
  status: string;
  errorCode: string | null;
  from: string;
  to: string;
  /** Our reference from the callback URL (`ref` query parameter): `<messageId>.<sendRound>`. */
  ref: string | null;
}

/** An inbound message from the carrier, already verified and parsed by the gateway. */
export interface CarrierInboundMessage {
  carrier: 'plivo';
  providerMessageId: string;
  from: string;
  to: string;
  text: string;
  channel: 'sms' | 'whatsapp';
}
