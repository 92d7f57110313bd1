import { DateTime } from 'luxon';
import { normaliseWorkingHours } from '../calendars/working-hours';
import { freeSlots, type FreeSlotsInput, localDateRange } from './free-slots';

const NEW_YORK = 'America/New_York';
const weekdays = normaliseWorkingHours(
  Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]])),
);

function input({ from, to, ...overrides }: Partial<Omit<FreeSlotsInput, 'from' | 'to'>> & { from: string; to: string }): FreeSlotsInput {
  const range = localDateRange(from, to, NEW_YORK);
  return {
    hours: weekdays,
    zone: NEW_YORK,
    durationMinutes: 60,
    slotIntervalMinutes: 60,
    bufferMinutes: 0,
    busy: [],
    now: new Date('2026-01-01T00:00:00Z'),
    ...overrides,
    ...range,
  };
}

describe('free slots', () => {
  it('F30: lists 09:00–16:00 local starts on both sides of the March 2026 change, at shifted UTC times', () => {
    const days = freeSlots(input({ from: '2026-03-06', to: '2026-03-09' }));
    expect(days.map((day) => [day.date, day.slots.length])).toEqual([
      ['2026-03-06', 8],
      ['2026-03-07', 0],
      ['2026-03-08', 0],
      ['2026-03-09', 8],
    ]);
    expect(days[0].slots[0]).toEqual({ start: '2026-03-06T14:00:00.000Z', end: '2026-03-06T15:00:00.000Z', localStart: '09:00' });
    expect(days[3].slots[0]).toEqual({ start: '2026-03-09T13:00:00.000Z', end: '2026-03-09T14:00:00.000Z', localStart: '09:00' });
    expect(days[3].slots.map((slot) => slot.localStart)).toEqual(['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00']);
  });

  it('F30: lists 09:00–16:00 local starts on both sides of the November 2026 change', () => {
    const days = freeSlots(input({ from: '2026-10-30', to: '2026-11-02' }));
    expect(days[0].slots[0].start).toBe('2026-10-30T13:00:00.000Z');
    expect(days[3].slots[0].start).toBe('2026-11-02T14:00:00.000Z');
    expect(days[3].slots.at(-1)?.localStart).toBe('16:00');
  });

  it('F30: hides slots overlapping a busy span, keeping the calendar buffer after a new slot', () => {
    // Busy 11:00–12:00 local (EDT) on Monday 9 March, plus its 15-minute buffer.
    const busy = [{ start: new Date('2026-03-09T15:00:00Z'), end: new Date('2026-03-09T16:15:00Z') }];
    const days = freeSlots(input({ from: '2026-03-09', to: '2026-03-09', slotIntervalMinutes: 15, bufferMinutes: 15, busy }));
    const starts = days[0].slots.map((slot) => slot.localStart);
    // 09:45 + 60 min + 15 buffer reaches 11:00 exactly: free. 10:00 would touch 11:00–11:15: taken.
    expect(starts).toContain('09:45');
    expect(starts).not.toContain('10:00');
    expect(starts).not.toContain('12:00');
    expect(starts).toContain('12:15');
  });

  it('F30: never offers a start that has passed', () => {
    const days = freeSlots(input({ from: '2026-03-09', to: '2026-03-09', now: new Date('2026-03-09T17:30:00Z') }));
    expect(days[0].slots.map((slot) => slot.localStart)).toEqual(['14:00', '15:00', '16:00']);
  });

  it('rejects an impossible or too long date range with field messages', () => {
    expect(() => localDateRange('2026-02-30', '2026-03-01', NEW_YORK)).toThrow(
      expect.objectContaining({ extra: { fields: { from: [expect.any(String)] } } }),
    );
    expect(() => localDateRange('2026-03-02', '2026-03-01', NEW_YORK)).toThrow(
      expect.objectContaining({ extra: { fields: { to: ['to must not be before from'] } } }),
    );
    expect(() => localDateRange('2026-03-01', '2026-04-15', NEW_YORK)).toThrow(
      expect.objectContaining({ extra: { fields: { to: [expect.stringContaining('31 days')] } } }),
    );
    expect(localDateRange('2026-03-01', '2026-03-31', NEW_YORK).to.equals(DateTime.fromISO('2026-03-31', { zone: NEW_YORK }))).toBe(true);
  });
});
