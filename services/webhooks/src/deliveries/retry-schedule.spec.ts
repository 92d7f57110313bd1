import { retryDelayMs, retrySpanMs } from './retry-schedule';

const DEFAULTS = { baseMs: 10_000, factor: 3, maxDelayMs: 6 * 3600_000, maxAttempts: 12 };

describe('webhook retry schedule', () => {
  it('grows exponentially from the base and stops growing at the cap', () => {
    const nominal = (attempt: number) => retryDelayMs(DEFAULTS, attempt, () => 0.5);
    expect([1, 2, 3, 4].map(nominal)).toEqual([10_000, 30_000, 90_000, 270_000]);
    expect(nominal(9)).toBe(6 * 3600_000);
    expect(nominal(40)).toBe(6 * 3600_000);
  });

  it('jitters each wait by at most 20 % either way', () => {
    expect(retryDelayMs(DEFAULTS, 2, () => 0)).toBe(24_000);
    expect(retryDelayMs(DEFAULTS, 2, () => 1)).toBe(36_000);
  });

  it('spreads the default attempts over about a day', () => {
    const hours = retrySpanMs(DEFAULTS) / 3600_000;
    expect(hours).toBeGreaterThan(20);
    expect(hours).toBeLessThan(30);
  });
});
