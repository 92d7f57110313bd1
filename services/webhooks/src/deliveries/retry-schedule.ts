/** The retry settings (WEBHOOK_RETRY_* and WEBHOOK_MAX_ATTEMPTS). */
export interface RetrySchedule {
  baseMs: number;
  factor: number;
  maxDelayMs: number;
  maxAttempts: number;
}

/**
 * The wait after the `attempt`-th failed attempt (1-based): exponential, capped, with ±20 % jitter so
 * deliveries that failed together (a receiver's outage) do not all come back in the same second. The
 * defaults (10 s × 3ⁿ, capped at 6 h, 12 attempts) spread the attempts over about 27 hours:
 * 10 s, 30 s, 1.5 min, 4.5 min, 13.5 min, 40 min, 2 h, 6 h, 6 h, 6 h, 6 h.
 */
export function retryDelayMs(schedule: RetrySchedule, attempt: number, random: () => number = Math.random): number {
  const exponential = schedule.baseMs * schedule.factor ** Math.max(0, attempt - 1);
  const capped = Math.min(schedule.maxDelayMs, exponential);
  return Math.round(capped * (0.8 + 0.4 * random()));
}

/** The nominal span from the first attempt to the last (no jitter), for documentation and tests. */
export function retrySpanMs(schedule: RetrySchedule): number {
  let total = 0;
  for (let attempt = 1; attempt < schedule.maxAttempts; attempt++) total += retryDelayMs(schedule, attempt, () => 0.5);
  return total;
}
