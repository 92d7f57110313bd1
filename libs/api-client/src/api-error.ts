import type { ErrorBody, FieldErrors } from '@conversations/contracts';

/** A failed API call, in words a person can act on (F37), with the server's field errors (F26). */
export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldErrors = {},
    readonly details: Record<string, unknown> = {},
    /** From a 429's (or 503's) `Retry-After`: how long to wait before asking again. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * The feature's back end is not there: the gateway has no such route yet (404 NOT_FOUND), says it is not
   * implemented (501), or the service behind it cannot be reached (503) or does not answer in time (504). The panel
   * shows "unavailable", never fake data.
   */
  get isUnavailable(): boolean {
    return this.status === 503 || this.status === 504 || this.status === 501 || (this.status === 404 && this.code === 'NOT_FOUND');
  }
}

const FALLBACK_MESSAGES: Record<number, string> = {
  0: 'Cannot reach the server. Check your connection and try again.',
  401: 'Your session has expired. Sign in again.',
  403: 'You are not allowed to do that.',
  404: 'Not found.',
  409: 'That conflicts with a change someone else made. Reload and try again.',
  413: 'That is too large to send.',
  422: 'Some fields need attention.',
  429: 'Too many requests. Wait a moment and try again.',
  501: 'This feature is not available yet.',
  503: 'This feature is unavailable right now.',
  504: 'The server took too long to answer. Try again.',
};

/** Turns a response body (`{ error: ErrorBody }`, or anything else a proxy may answer) into an ApiError. */
export function apiErrorOf(status: number, body: unknown, retryAfterSeconds?: number): ApiError {
  const error = (body as { error?: Partial<ErrorBody> } | null)?.error;
  const message =
    typeof error?.message === 'string' && error.message
      ? error.message
      : (FALLBACK_MESSAGES[status] ?? `Something went wrong (HTTP ${status}). Try again.`);
  return new ApiError(
    status,
    typeof error?.code === 'string' ? error.code : status === 0 ? 'NETWORK' : 'HTTP_' + status,
    message,
    error?.fields ?? {},
    error?.details ?? {},
    retryAfterSeconds,
  );
}

/** `Retry-After` in seconds (its delta-seconds form, the one the gateway sends), or undefined. */
export function retryAfterOf(header: string | null): number | undefined {
  if (!header || !/^\d+$/.test(header.trim())) return undefined;
  return Number(header.trim());
}

export function networkError(): ApiError {
  return apiErrorOf(0, null);
}

/** The first message for a form field; nested DTO fields arrive as `address.city`. */
export function fieldError(error: unknown, field: string): string | undefined {
  return error instanceof ApiError ? error.fields[field]?.[0] : undefined;
}

/** A sentence for any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong. Try again.';
}
