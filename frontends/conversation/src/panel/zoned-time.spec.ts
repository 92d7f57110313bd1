import { instantOfWallClock, isKnownTimeZone, isoInZone, nextDay, wallClockAt, zoneOffsetMs } from './zoned-time';

const HOUR = 3_600_000;

describe('zoned time (F38: scheduling in the contact’s time zone, Intl only)', () => {
  describe('America/New_York, clocks jump 02:00 → 03:00 on 2027-03-14', () => {
    const zone = 'America/New_York';
    it('F38: a time before the change is EST (−05:00), after it EDT (−04:00)', () => {
      expect(instantOfWallClock({ date: '2027-03-14', time: '01:30' }, zone)?.toISOString()).toBe('2027-03-14T06:30:00.000Z');
      expect(instantOfWallClock({ date: '2027-03-14', time: '03:30' }, zone)?.toISOString()).toBe('2027-03-14T07:30:00.000Z');
      expect(instantOfWallClock({ date: '2027-03-13', time: '09:00' }, zone)?.toISOString()).toBe('2027-03-13T14:00:00.000Z');
      expect(instantOfWallClock({ date: '2027-03-15', time: '09:00' }, zone)?.toISOString()).toBe('2027-03-15T13:00:00.000Z');
    });
    it('F38: a skipped time (02:30) moves on by the jump, to 03:30 EDT', () => {
      const instant = instantOfWallClock({ date: '2027-03-14', time: '02:30' }, zone)!;
      expect(instant.toISOString()).toBe('2027-03-14T07:30:00.000Z');
      expect(wallClockAt(instant, zone)).toEqual({ date: '2027-03-14', time: '03:30' });
    });
    it('F38: offsets and the ISO form the API takes follow the change', () => {
      expect(zoneOffsetMs(new Date('2027-03-14T06:59:00Z'), zone)).toBe(-5 * HOUR);
      expect(zoneOffsetMs(new Date('2027-03-14T07:00:00Z'), zone)).toBe(-4 * HOUR);
      expect(isoInZone(new Date('2027-03-13T14:00:00Z'), zone)).toBe('2027-03-13T09:00:00-05:00');
      expect(isoInZone(new Date('2027-03-15T13:00:00Z'), zone)).toBe('2027-03-15T09:00:00-04:00');
    });
    it('F38: "tomorrow 9:00" across the change is 9:00 on the clock, 23 h later, not 24', () => {
      const saturday = instantOfWallClock({ date: '2027-03-13', time: '09:00' }, zone)!;
      const sunday = instantOfWallClock({ date: nextDay(wallClockAt(saturday, zone).date), time: '09:00' }, zone)!;
      expect(sunday.getTime() - saturday.getTime()).toBe(23 * HOUR);
    });
  });

  describe('Europe/Paris, clocks fall back 03:00 → 02:00 on 2027-10-31', () => {
    const zone = 'Europe/Paris';
    it('F38: before the change is CEST (+02:00), after it CET (+01:00)', () => {
      expect(instantOfWallClock({ date: '2027-10-31', time: '01:30' }, zone)?.toISOString()).toBe('2027-10-30T23:30:00.000Z');
      expect(instantOfWallClock({ date: '2027-10-31', time: '03:30' }, zone)?.toISOString()).toBe('2027-10-31T02:30:00.000Z');
      expect(isoInZone(new Date('2027-10-30T07:00:00Z'), zone)).toBe('2027-10-30T09:00:00+02:00');
      expect(isoInZone(new Date('2027-11-01T08:00:00Z'), zone)).toBe('2027-11-01T09:00:00+01:00');
    });
    it('F38: a time shown twice (02:30) is the first of the two, in CEST', () => {
      const instant = instantOfWallClock({ date: '2027-10-31', time: '02:30' }, zone)!;
      expect(instant.toISOString()).toBe('2027-10-31T00:30:00.000Z');
      expect(isoInZone(instant, zone)).toBe('2027-10-31T02:30:00+02:00');
      // The second 02:30 is an hour later and reads the same on the clock.
      expect(wallClockAt(new Date(instant.getTime() + HOUR), zone)).toEqual({ date: '2027-10-31', time: '02:30' });
      expect(isoInZone(new Date(instant.getTime() + HOUR), zone)).toBe('2027-10-31T02:30:00+01:00');
    });
    it('F38: "tomorrow 9:00" across the change is 25 h later', () => {
      const saturday = instantOfWallClock({ date: '2027-10-30', time: '09:00' }, zone)!;
      const sunday = instantOfWallClock({ date: '2027-10-31', time: '09:00' }, zone)!;
      expect(sunday.getTime() - saturday.getTime()).toBe(25 * HOUR);
    });
  });

  it('F38: a zone with a half-hour offset and UTC round-trip', () => {
    expect(isoInZone(new Date('2027-01-10T03:30:00Z'), 'Asia/Kolkata')).toBe('2027-01-10T09:00:00+05:30');
    expect(instantOfWallClock({ date: '2027-01-10', time: '09:00' }, 'Asia/Kolkata')?.toISOString()).toBe('2027-01-10T03:30:00.000Z');
    expect(isoInZone(new Date('2027-01-10T09:00:00Z'), 'UTC')).toBe('2027-01-10T09:00:00+00:00');
    expect(wallClockAt(new Date('2027-01-10T00:05:00Z'), 'UTC')).toEqual({ date: '2027-01-10', time: '00:05' });
  });

  it('F38: what is no date or time is null; the day after the last of a month is the next month', () => {
    expect(instantOfWallClock({ date: '2027-02-30', time: '09:00' }, 'UTC')).toBeNull();
    expect(instantOfWallClock({ date: '', time: '09:00' }, 'UTC')).toBeNull();
    expect(instantOfWallClock({ date: '2027-02-10', time: '' }, 'UTC')).toBeNull();
    expect(nextDay('2027-12-31')).toBe('2028-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(isKnownTimeZone('Europe/Madrid')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus')).toBe(false);
    expect(isKnownTimeZone(null)).toBe(false);
  });
});
