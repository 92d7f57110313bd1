/** Domain error codes. The gateway maps each to exactly one HTTP status (services/gateway/src/errors). */
export const ErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_REQUEST: 'MALFORMED_REQUEST',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONTACT_NOT_FOUND: 'CONTACT_NOT_FOUND',
  NOTE_NOT_FOUND: 'NOTE_NOT_FOUND',
  TAG_NOT_FOUND: 'TAG_NOT_FOUND',
  DISPOSITION_NOT_FOUND: 'DISPOSITION_NOT_FOUND',
  TEAM_MEMBER_NOT_FOUND: 'TEAM_MEMBER_NOT_FOUND',
  CONTACT_PHONE_EXISTS: 'CONTACT_PHONE_EXISTS',
  TAG_NAME_EXISTS: 'TAG_NAME_EXISTS',
  DISPOSITION_NAME_EXISTS: 'DISPOSITION_NAME_EXISTS',
  CALENDAR_NOT_FOUND: 'CALENDAR_NOT_FOUND',
  APPOINTMENT_NOT_FOUND: 'APPOINTMENT_NOT_FOUND',
  /** The requested time overlaps another appointment (buffer included) or is outside working hours. */
  SLOT_UNAVAILABLE: 'SLOT_UNAVAILABLE',
  /** E.g. rescheduling a cancelled appointment, or marking a future one as showed. */
  APPOINTMENT_STATUS_CONFLICT: 'APPOINTMENT_STATUS_CONFLICT',
  /** Another change of the same calendar or appointment is still being written; try again. */
  CHANGE_IN_PROGRESS: 'CHANGE_IN_PROGRESS',
  MESSAGE_NOT_FOUND: 'MESSAGE_NOT_FOUND',
  CONVERSATION_NOT_FOUND: 'CONVERSATION_NOT_FOUND',
  /** No tenant owns the number a carrier webhook names. */
  SENDER_NUMBER_NOT_FOUND: 'SENDER_NUMBER_NOT_FOUND',
  /** F22: the contact has Do Not Contact for text messages or all channels. */
  DND_BLOCKED: 'DND_BLOCKED',
  /** F21: an SMS needs a From number ("Select a From number in SMS Setting"). */
  FROM_NUMBER_REQUIRED: 'FROM_NUMBER_REQUIRED',
  /** The From number is not one of the tenant's numbers able to send on the channel. */
  FROM_NUMBER_NOT_ALLOWED: 'FROM_NUMBER_NOT_ALLOWED',
  /** F24: the body names a placeholder that is not in the documented list. */
  UNKNOWN_PLACEHOLDER: 'UNKNOWN_PLACEHOLDER',
  /** The rendered body is longer than the channel allows (SMS segments, WhatsApp characters). */
  MESSAGE_TOO_LONG: 'MESSAGE_TOO_LONG',
  CONTACT_HAS_NO_PHONE: 'CONTACT_HAS_NO_PHONE',
  /** F18: e.g. iMessage without a provider. */
  CHANNEL_NOT_CONFIGURED: 'CHANNEL_NOT_CONFIGURED',
  /** F40: only a failed or undelivered message can be retried. */
  MESSAGE_NOT_RETRYABLE: 'MESSAGE_NOT_RETRYABLE',
  /** F38: only a scheduled message that has not gone can be changed or canceled. */
  MESSAGE_NOT_SCHEDULED: 'MESSAGE_NOT_SCHEDULED',
  CALL_NOT_FOUND: 'CALL_NOT_FOUND',
  /** The call has no recording (not recorded, or the carrier has not delivered it yet). */
  RECORDING_NOT_FOUND: 'RECORDING_NOT_FOUND',
  /** F13: the signed-in user has no phone number in their team member profile to ring first. */
  USER_HAS_NO_PHONE: 'USER_HAS_NO_PHONE',
  /** Click-to-call refused by the carrier before any phone rang. */
  CARRIER_REJECTED: 'CARRIER_REJECTED',
  /** A carrier webhook without a valid signature: nothing is stored. */
  WEBHOOK_SIGNATURE_INVALID: 'WEBHOOK_SIGNATURE_INVALID',
  /** Carrier webhooks arrive but the gateway has no carrier credentials or public URL configured. */
  WEBHOOKS_NOT_CONFIGURED: 'WEBHOOKS_NOT_CONFIGURED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** A service took longer than the gateway waits: a change may or may not have been made (504). */
  SERVICE_TIMEOUT: 'SERVICE_TIMEOUT',
  /** The first request with this Idempotency-Key is still running; retry with the same key shortly. */
  REQUEST_IN_PROGRESS: 'REQUEST_IN_PROGRESS',
  /** The Idempotency-Key was already used for a different request. */
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** Field name → human-readable messages, e.g. `{ phone: ['phone must be a valid phone number'] }`. */
export type FieldErrors = Record<string, string[]>;

/** The body of every error: over NATS (RPC error) and over HTTP (`{ error: ErrorBody }`). */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  fields?: FieldErrors;
  details?: Record<string, unknown>;
}
