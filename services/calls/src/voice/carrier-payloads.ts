import type { CarrierCallAnswer, CarrierCallRecording, CarrierCallStatus } from '@conversations/contracts';
import { ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { Types } from 'mongoose';
import { z } from 'zod';

/**
 * The gateway verified and parsed these webhooks; they are still checked here, so a malformed one is a
 * VALIDATION_FAILED naming the field (a 4xx the carrier does not retry), never a crash.
 */
const id = z.string().trim().min(1).max(200);
const nullableText = z
  .string()
  .max(500)
  .nullable()
  .optional()
  .transform((value) => value ?? null);
const ref = z
  .string()
  .max(200)
  .nullable()
  .optional()
  .transform((value) => value || null);

const answerSchema = z.object({
  carrier: z.literal('plivo'),
  providerCallId: id,
  from: z.string().trim().min(1).max(100),
  to: z.string().trim().min(1).max(100),
  direction: z.enum(['inbound', 'outbound']),
  ref,
});

const statusSchema = z.object({
  carrier: z.literal('plivo'),
  event: z.enum(['hangup', 'dial']),
  providerCallId: id,
  status: z.string().trim().min(1).max(50),
  durationSeconds: z
    .number()
    .min(0)
    .max(86_400 * 2)
    .nullable()
    .optional()
    .transform((value) => value ?? null),
  hangupCause: nullableText,
  dialLegCallId: nullableText,
  from: nullableText,
  to: nullableText,
  ref,
});

const recordingSchema = z.object({
  carrier: z.literal('plivo'),
  providerCallId: id,
  recordingId: id,
  recordingUrl: z.url({ protocol: /^https?$/ }).max(2000),
  durationSeconds: z
    .number()
    .min(0)
    .max(86_400 * 2),
  ref,
});

function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data ?? {});
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues)
    (fields[issue.path.join('.') || 'body'] ??= []).push(`${issue.path.join('.') || 'body'}: ${issue.message}`);
  throw DomainError.validation(fields, 'The carrier webhook is malformed');
}

export const parseAnswer = (data: unknown): CarrierCallAnswer => parse(answerSchema, data);
export const parseStatus = (data: unknown): CarrierCallStatus => parse(statusSchema, data);
export const parseRecording = (data: unknown): CarrierCallRecording => parse(recordingSchema, data);

/** Our `ref` on a callback URL: `<callId>`, or `<callId>.<leg>` with leg agent | contact | voicemail. */
export interface CallRef {
  callId: Types.ObjectId;
  leg: 'agent' | 'contact' | 'voicemail' | null;
}

export function parseRef(value: string | null): CallRef | null {
  if (!value) return null;
  const match = /^([0-9a-f]{24})(?:\.(agent|contact|voicemail))?$/.exec(value);
  if (!match) throw unknownCall();
  return { callId: new Types.ObjectId(match[1]), leg: (match[2] as CallRef['leg']) ?? null };
}

/** A webhook about a call we do not have (or not this leg of it): 404, so nothing is stored and nothing crashes. */
export function unknownCall(): DomainError {
  return new DomainError(ErrorCodes.CALL_NOT_FOUND, 'The carrier webhook names no call of ours');
}
