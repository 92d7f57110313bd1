import { DateTime } from 'luxon';
import { DEFAULT_WORKING_HOURS, fitsWorkingHours, normaliseWorkingHours, workingWindowsOn } from './working-hours';

const NEW_YORK = 'America/New_York';
const everyDay = normaliseWorkingHours(
  Object.fromEntries(
    ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, [{ start: '09:00', end: '17:00' }]]),
  ),
);
const iso = (spans: { start: Date; end: Date }[]) => spans.map((span) => [span.start.toISOString(), span.end.toISOString()]);
const onDate = (date: string) => DateTime.fromISO(date, { zone: NEW_YORK });

describe('working hours in a calendar time zone', () => {
  it('F30: 09:00–17:00 New York stays 09:00–17:00 local across the March 2026 change (EST → EDT)', () => {
    expect(iso(workingWindowsOn(everyDay, NEW_YORK, onDate('2026-03-07')))).toEqual([
      ['2026-03-07T14:00:00.000Z', '2026-03-07T22:00:00.000Z'],
    ]);
    expect(iso(workingWindowsOn(everyDay, NEW_YORK, onDate('2026-03-08')))).toEqual([
      ['2026-03-08T13:00:00.000Z', '2026-03-08T21:00:00.000Z'],
    ]);
    expect(iso(workingWindowsOn(everyDay, NEW_YORK, onDate('2026-03-09')))).toEqual([
      ['2026-03-09T13:00:00.000Z', '2026-03-09T21:00:00.000Z'],
    ]);
  });

  it('F30: 09:00–17:00 New York stays 09:00–17:00 local across the November 2026 change (EDT → EST)', () => {
    expect(iso(workingWindowsOn(everyDay, NEW_YORK, onDate('2026-10-31')))).toEqual([
      ['2026-10-31T13:00:00.000Z', '2026-10-31T21:00:00.000Z'],
    ]);
    expect(iso(workingWindowsOn(everyDay, NEW_YORK, onDate('2026-11-01')))).toEqual([
      ['2026-11-01T14:00:00.000Z', '2026-11-01T22:00:00.000Z'],
    ]);
  });

  it('F30: a window spanning the change is as long as it really is (2 h in March, 4 h in November for 01:00–04:00)', () => {
    const night = normaliseWorkingHours({ sunday: [{ start: '01:00', end: '04:00' }] });
    const [march] = workingWindowsOn(night, NEW_YORK, onDate('2026-03-08'));
    const [november] = workingWindowsOn(night, NEW_YORK, onDate('2026-11-01'));
    expect((march.end.getTime() - march.start.getTime()) / 3_600_000).toBe(2);
    expect((november.end.getTime() - november.start.getTime()) / 3_600_000).toBe(4);
  });

  it('F30: a wall-clock time inside the spring-forward gap moves forward by the gap', () => {
    const gap = normaliseWorkingHours({ sunday: [{ start: '02:30', end: '05:00' }] });
    expect(iso(workingWindowsOn(gap, NEW_YORK, onDate('2026-03-08')))).toEqual([['2026-03-08T07:30:00.000Z', '2026-03-08T09:00:00.000Z']]);
  });

  it('F30: 24:00 ends the day at the next local midnight', () => {
    const late = normaliseWorkingHours({ saturday: [{ start: '20:00', end: '24:00' }] });
    expect(iso(workingWindowsOn(late, NEW_YORK, onDate('2026-03-07')))).toEqual([['2026-03-08T01:00:00.000Z', '2026-03-08T05:00:00.000Z']]);
  });

  it('F30: an appointment fits only inside one window of the local day it starts on', () => {
    const hours = normaliseWorkingHours({
      monday: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    });
    const span = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
    // Monday 9 March 2026, EDT (UTC-4).
    expect(fitsWorkingHours(hours, NEW_YORK, span('2026-03-09T13:00:00Z', '2026-03-09T13:30:00Z')).fits).toBe(true);
    expect(fitsWorkingHours(hours, NEW_YORK, span('2026-03-09T15:30:00Z', '2026-03-09T16:00:00Z')).fits).toBe(true);
    // Across the lunch break, before opening, and after closing.
    expect(fitsWorkingHours(hours, NEW_YORK, span('2026-03-09T15:30:00Z', '2026-03-09T17:30:00Z')).fits).toBe(false);
    expect(fitsWorkingHours(hours, NEW_YORK, span('2026-03-09T12:30:00Z', '2026-03-09T13:30:00Z')).fits).toBe(false);
    expect(fitsWorkingHours(hours, NEW_YORK, span('2026-03-09T20:45:00Z', '2026-03-09T21:15:00Z')).fits).toBe(false);
    // Tuesday has no hours at all.
    expect(fitsWorkingHours(hours, NEW_YORK, span('2026-03-10T14:00:00Z', '2026-03-10T14:30:00Z'))).toEqual({ fits: false, localDay: [] });
  });

  it('defaults to Monday–Friday 09:00–17:00 and fills missing days as days off', () => {
    expect(DEFAULT_WORKING_HOURS.monday).toEqual([{ start: '09:00', end: '17:00' }]);
    expect(DEFAULT_WORKING_HOURS.sunday).toEqual([]);
    expect(
      normaliseWorkingHours({
        friday: [
          { start: '13:00', end: '17:00' },
          { start: '08:00', end: '12:00' },
        ],
      }),
    ).toMatchObject({
      monday: [],
      friday: [
        { start: '08:00', end: '12:00' },
        { start: '13:00', end: '17:00' },
      ],
    });
  });
});
