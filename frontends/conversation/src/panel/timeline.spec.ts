import { dayLabel, groupByDay, localDay, previousDay, timeOfChange } from './timeline';

const message = (id: string, at: string) => ({ id, at });

describe('F14: timeline grouped by date in the user time zone', () => {
  it('groups oldest first under Today / Yesterday / the date', () => {
    const now = new Date('2026-06-10T15:00:00Z');
    const groups = groupByDay(
      [message('c', '2026-06-10T09:00:00Z'), message('a', '2026-06-01T09:00:00Z'), message('b', '2026-06-09T09:00:00Z')],
      'UTC',
      now,
      'en-US',
    );
    expect(groups.map((group) => group.label)).toEqual(['Monday, June 1', 'Yesterday', 'Today']);
    expect(groups.flatMap((group) => group.items.map((item) => item.id))).toEqual(['a', 'b', 'c']);
  });

  it('uses the user time zone, not UTC, for the day', () => {
    // 03:00 UTC on June 10 is still June 9 in Los Angeles and already June 10 in Tokyo.
    expect(localDay(new Date('2026-06-10T03:00:00Z'), 'America/Los_Angeles')).toBe('2026-06-09');
    expect(localDay(new Date('2026-06-10T03:00:00Z'), 'Asia/Tokyo')).toBe('2026-06-10');
    const now = new Date('2026-06-10T18:00:00Z');
    expect(groupByDay([message('x', '2026-06-10T03:00:00Z')], 'America/Los_Angeles', now)[0].label).toBe('Yesterday');
  });

  it('says Yesterday by the calendar across the spring-forward DST change (a 23-hour day)', () => {
    // New York springs forward on 2026-03-08. 00:30 EDT on March 9 minus 24 h is 23:30 EST on March 7.
    const now = new Date('2026-03-09T04:30:00Z');
    expect(localDay(now, 'America/New_York')).toBe('2026-03-09');
    expect(dayLabel('2026-03-08', now, 'America/New_York', 'en-US')).toBe('Yesterday');
    expect(dayLabel('2026-03-07', now, 'America/New_York', 'en-US')).toBe('Saturday, March 7');
  });

  it('says Yesterday by the calendar across the fall-back DST change (a 25-hour day)', () => {
    // Paris falls back on 2026-10-25; 23:30 on the 26th local = 22:30 UTC.
    const now = new Date('2026-10-26T22:30:00Z');
    expect(dayLabel('2026-10-25', now, 'Europe/Paris', 'en-US')).toBe('Yesterday');
    expect(groupByDay([message('m', '2026-10-24T22:30:00Z')], 'Europe/Paris', now, 'en-US')[0].label).toBe('Yesterday');
  });

  it('keeps each message once when pages overlap, and handles month and year edges', () => {
    expect(groupByDay([message('a', '2026-01-01T10:00:00Z'), message('a', '2026-01-01T10:00:00Z')], 'UTC')[0].items).toHaveLength(1);
    expect(previousDay('2026-03-01')).toBe('2026-02-28');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
    expect(dayLabel('2025-12-24', new Date('2026-02-01T12:00:00Z'), 'UTC', 'en-US')).toBe('Wednesday, December 24, 2025');
  });
});

describe('F40: times of a message’s status changes', () => {
  const now = new Date('2026-06-10T15:00:00Z');
  it('shows the time of day in the user time zone, with the day only when it is not the message’s day', () => {
    expect(timeOfChange('2026-06-10T09:05:00Z', '2026-06-10T09:00:00Z', 'Europe/Paris', now, 'en-GB')).toBe('11:05');
    // Both on June 9 in UTC, but the change came after midnight in Paris: another day there.
    expect(timeOfChange('2026-06-09T22:30:00Z', '2026-06-09T21:30:00Z', 'Europe/Paris', now, 'en-GB')).toBe('Today 00:30');
    expect(timeOfChange('2026-06-10T08:00:00Z', '2026-06-09T09:00:00Z', 'UTC', now, 'en-GB')).toBe('Today 08:00');
  });
});
