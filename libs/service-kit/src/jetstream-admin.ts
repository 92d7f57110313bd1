import { ErrorCode, NatsError } from 'nats';
import type { Logger } from 'pino';

/** JetStream API error codes for "no such consumer" and "no such stream". */
const CONSUMER_NOT_FOUND = 10014;
const STREAM_NOT_FOUND = 10059;

export function isJetStreamNotFound(error: unknown): boolean {
  const code = error instanceof NatsError ? error.api_error?.err_code : undefined;
  return code === CONSUMER_NOT_FOUND || code === STREAM_NOT_FOUND;
}

/**
 * No answer yet, rather than an answer: the server is restarting, JetStream is not ready, or a loaded
 * machine kept the reply past the request timeout. Worth asking again; anything else is a real refusal.
 */
export function isJetStreamUnavailable(error: unknown): boolean {
  if (!(error instanceof NatsError)) return false;
  const codes: string[] = [
    ErrorCode.Timeout,
    ErrorCode.NoResponders,
    ErrorCode.JetStreamNotEnabled,
    ErrorCode.Disconnect,
    ErrorCode.ConnectionRefused,
    ErrorCode.JetStream408RequestTimeout,
  ];
  return codes.includes(error.code);
}

/**
 * Runs a JetStream admin call a service needs to start (stream, consumers, key-value buckets), asking
 * again while JetStream is unavailable, for up to `patienceMs`. A replica that starts while NATS
 * restarts waits for it instead of exiting (the connection itself reconnects forever).
 */
export async function whileJetStreamStarts<T>(what: string, call: () => Promise<T>, logger: Logger, patienceMs = 60_000): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isJetStreamUnavailable(error) || Date.now() > deadline) throw error;
      const delay = Math.min(2_000, 100 * 2 ** attempt);
      logger.warn({ what, attempt, code: (error as NatsError).code, delay }, 'JetStream unavailable at start; asking again');
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
