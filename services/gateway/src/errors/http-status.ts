import { type ErrorCode, ErrorCodes } from '@conversations/contracts';
import { HttpStatus } from '@nestjs/common';

/**
 * The one place an error code becomes an HTTP status. Codes follow naming families so a new
 * `SOMETHING_NOT_FOUND` or `SOMETHING_EXISTS` in contracts maps without touching this file; any other
 * new code must be added to EXACT below (until then it answers 500 and is logged as unmapped).
 */
const EXACT: Partial<Record<ErrorCode, HttpStatus>> = {
  [ErrorCodes.VALIDATION_FAILED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.MALFORMED_REQUEST]: HttpStatus.BAD_REQUEST,
  [ErrorCodes.UNAUTHENTICATED]: HttpStatus.UNAUTHORIZED,
  [ErrorCodes.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [ErrorCodes.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ErrorCodes.PAYLOAD_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [ErrorCodes.SLOT_UNAVAILABLE]: HttpStatus.CONFLICT,
  [ErrorCodes.APPOINTMENT_STATUS_CONFLICT]: HttpStatus.CONFLICT,
  [ErrorCodes.CHANGE_IN_PROGRESS]: HttpStatus.CONFLICT,
  [ErrorCodes.DND_BLOCKED]: HttpStatus.CONFLICT,
  [ErrorCodes.MESSAGE_NOT_RETRYABLE]: HttpStatus.CONFLICT,
  [ErrorCodes.MESSAGE_NOT_SCHEDULED]: HttpStatus.CONFLICT,
  [ErrorCodes.FROM_NUMBER_REQUIRED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.FROM_NUMBER_NOT_ALLOWED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.UNKNOWN_PLACEHOLDER]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.MESSAGE_TOO_LONG]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.CONTACT_HAS_NO_PHONE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.USER_HAS_NO_PHONE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.CARRIER_REJECTED]: HttpStatus.BAD_GATEWAY,
  [ErrorCodes.CHANNEL_NOT_CONFIGURED]: HttpStatus.NOT_IMPLEMENTED,
  [ErrorCodes.WEBHOOK_SIGNATURE_INVALID]: HttpStatus.FORBIDDEN,
  [ErrorCodes.WEBHOOKS_NOT_CONFIGURED]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCodes.RATE_LIMITED]: HttpStatus.TOO_MANY_REQUESTS,
  [ErrorCodes.SERVICE_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ErrorCodes.SERVICE_TIMEOUT]: HttpStatus.GATEWAY_TIMEOUT,
  [ErrorCodes.REQUEST_IN_PROGRESS]: HttpStatus.CONFLICT,
  [ErrorCodes.IDEMPOTENCY_KEY_REUSED]: HttpStatus.UNPROCESSABLE_ENTITY,
  [ErrorCodes.INTERNAL]: HttpStatus.INTERNAL_SERVER_ERROR,
};

export function isMappedErrorCode(code: string): boolean {
  return code in EXACT || code.endsWith('_NOT_FOUND') || code.endsWith('_EXISTS');
}

export function httpStatusOf(code: string): HttpStatus {
  const exact = EXACT[code as ErrorCode];
  if (exact !== undefined) return exact;
  if (code.endsWith('_NOT_FOUND')) return HttpStatus.NOT_FOUND;
  if (code.endsWith('_EXISTS')) return HttpStatus.CONFLICT;
  return HttpStatus.INTERNAL_SERVER_ERROR;
}

/**
 * The reverse direction, for failures raised by the HTTP stack itself (unknown route, body parser,
 * rate limiter) rather than by our code: which error code describes a bare HTTP status.
 */
export function errorCodeOfHttpStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return ErrorCodes.UNAUTHENTICATED;
    case HttpStatus.FORBIDDEN:
      return ErrorCodes.FORBIDDEN;
    case HttpStatus.NOT_FOUND:
    case HttpStatus.METHOD_NOT_ALLOWED:
      return ErrorCodes.NOT_FOUND;
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return ErrorCodes.PAYLOAD_TOO_LARGE;
    case HttpStatus.UNPROCESSABLE_ENTITY:
      return ErrorCodes.VALIDATION_FAILED;
    case HttpStatus.TOO_MANY_REQUESTS:
      return ErrorCodes.RATE_LIMITED;
    case HttpStatus.SERVICE_UNAVAILABLE:
    case HttpStatus.GATEWAY_TIMEOUT:
      return ErrorCodes.SERVICE_UNAVAILABLE;
    default:
      return status >= 400 && status < 500 ? ErrorCodes.MALFORMED_REQUEST : ErrorCodes.INTERNAL;
  }
}
