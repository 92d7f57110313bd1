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
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  RATE_LIMITED: 'RATE_LIMITED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
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
