import { clockTime, spokenTime } from './playback-time';

describe('F17: recording positions', () => {
  it('shows minutes and seconds, and hours only when there are some', () => {
    expect(clockTime(0)).toBe('0:00');
    expect(clockTime(62.9)).toBe('1:02');
    expect(clockTime(404)).toBe('6:44');
    expect(clockTime(3723)).toBe('1:02:03');
  });

  it('says a position in words for a screen reader', () => {
    expect(spokenTime(0)).toBe('0 seconds');
    expect(spokenTime(1)).toBe('1 second');
    expect(spokenTime(62)).toBe('1 minute 2 seconds');
    expect(spokenTime(3600)).toBe('1 hour');
    expect(spokenTime(7322)).toBe('2 hours 2 minutes 2 seconds');
  });
});
