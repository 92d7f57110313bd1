import { ErrorCodes } from '@conversations/contracts';
import { errorCodeOfHttpStatus, httpStatusOf, isMappedErrorCode } from './http-status';

describe('error code → HTTP status', () => {
  it.each([
    [ErrorCodes.VALIDATION_FAILED, 422],
    [ErrorCodes.MALFORMED_REQUEST, 400],
    [ErrorCodes.UNAUTHENTICATED, 401],
    [ErrorCodes.FORBIDDEN, 403],
    [ErrorCodes.NOT_FOUND, 404],
    [ErrorCodes.CONTACT_NOT_FOUND, 404],
    [ErrorCodes.TEAM_MEMBER_NOT_FOUND, 404],
    [ErrorCodes.CONTACT_PHONE_EXISTS, 409],
    [ErrorCodes.TAG_NAME_EXISTS, 409],
    [ErrorCodes.PAYLOAD_TOO_LARGE, 413],
    [ErrorCodes.RATE_LIMITED, 429],
    [ErrorCodes.SERVICE_UNAVAILABLE, 503],
    [ErrorCodes.SERVICE_TIMEOUT, 504],
    [ErrorCodes.REQUEST_IN_PROGRESS, 409],
    [ErrorCodes.IDEMPOTENCY_KEY_REUSED, 422],
    [ErrorCodes.INTERNAL, 500],
    [ErrorCodes.DND_BLOCKED, 409],
    [ErrorCodes.FROM_NUMBER_REQUIRED, 422],
    [ErrorCodes.UNKNOWN_PLACEHOLDER, 422],
    [ErrorCodes.MESSAGE_TOO_LONG, 422],
    [ErrorCodes.CHANNEL_NOT_CONFIGURED, 501],
    [ErrorCodes.WEBHOOK_SIGNATURE_INVALID, 403],
    [ErrorCodes.MESSAGE_NOT_FOUND, 404],
  ])('%s → %i', (code, status) => {
    expect(httpStatusOf(code)).toBe(status);
  });

  it('maps every code in contracts', () => {
    expect(Object.values(ErrorCodes).filter((code) => !isMappedErrorCode(code))).toEqual([]);
  });

  it('answers 500 for a code nobody mapped yet', () => {
    expect(isMappedErrorCode('SOMETHING_NEW')).toBe(false);
    expect(httpStatusOf('SOMETHING_NEW')).toBe(500);
  });

  it('names the framework’s bare statuses with codes that map back to them', () => {
    for (const status of [400, 401, 403, 404, 413, 422, 429, 503]) expect(httpStatusOf(errorCodeOfHttpStatus(status))).toBe(status);
    expect(errorCodeOfHttpStatus(415)).toBe(ErrorCodes.MALFORMED_REQUEST);
    expect(errorCodeOfHttpStatus(502)).toBe(ErrorCodes.INTERNAL);
  });
});
