import {
  canceledLabel,
  contactTimeZoneOf,
  inOneHour,
  scheduleSummary,
  scheduleTimeProblem,
  scheduledForLabel,
  tomorrowAtNine,
} from './schedule-rules';

const now = new Date('2027-03-13T15:00:20Z');

describe('Send later rules (F38)', () => {
  it('F38: a time in the past, under a minute ahead or over a year ahead is refused in words', () => {
    expect(scheduleTimeProblem(null, now)).toBe('Choose a date and a time.');
    expect(scheduleTimeProblem(new Date('2027-03-13T14:00:00Z'), now)).toMatch(/already passed/);
    expect(scheduleTimeProblem(new Date('2027-03-13T15:01:00Z'), now)).toBe('Choose a time at least a minute from now.');
    expect(scheduleTimeProblem(new Date('2027-03-13T15:01:20Z'), now)).toBeNull();
    expect(scheduleTimeProblem(new Date('2028-03-13T15:00:20Z'), now)).toBeNull();
    expect(scheduleTimeProblem(new Date('2028-03-13T15:01:00Z'), now)).toBe('Choose a time within a year from now.');
  });

  it('F38: quick picks — in 1 hour (to the next minute) and tomorrow 9:00 on the contact’s clock, across a DST change', () => {
    expect(inOneHour(now, 'America/New_York')).toEqual({ date: '2027-03-13', time: '11:01' });
    expect(tomorrowAtNine(now, 'America/New_York')).toEqual({ date: '2027-03-14', time: '09:00' });
    // Late evening in New York is already the next day in Paris: "tomorrow" is the contact's tomorrow.
    const evening = new Date('2027-10-31T02:30:00Z'); // 22:30 Oct 30 in New York, 03:30 Oct 31 in Paris (CET)
    expect(tomorrowAtNine(evening, 'America/New_York')).toEqual({ date: '2027-10-31', time: '09:00' });
    expect(tomorrowAtNine(evening, 'Europe/Paris')).toEqual({ date: '2027-11-01', time: '09:00' });
    expect(inOneHour(evening, 'Europe/Paris')).toEqual({ date: '2027-10-31', time: '04:30' });
  });

  it('F38: the summary shows the moment for the contact and for the user, naming the user’s day when it differs', () => {
    const nine = new Date('2027-03-16T08:00:00Z'); // 9:00 in Madrid (CET)
    const context = { contactName: 'Ana María', contactTimeZone: 'Europe/Madrid', userTimeZone: 'America/Los_Angeles' };
    expect(scheduleSummary(nine, context, 'en-US')).toBe('9:00 AM for Ana María (Europe/Madrid) · 1:00 AM your time');
    expect(scheduleSummary(new Date('2027-03-16T07:30:00Z'), context, 'en-US')).toBe(
      '8:30 AM for Ana María (Europe/Madrid) · 12:30 AM your time',
    );
    expect(scheduleSummary(new Date('2027-03-16T06:00:00Z'), context, 'en-US')).toBe(
      '7:00 AM for Ana María (Europe/Madrid) · 11:00 PM Mon, Mar 15 your time',
    );
    expect(scheduleSummary(nine, { ...context, userTimeZone: 'Europe/Madrid' }, 'en-US')).toBe(
      '9:00 AM for Ana María (Europe/Madrid) · the same time for you',
    );
    expect(scheduleSummary(nine, { ...context, contactTimeZone: null, userTimeZone: 'UTC' }, 'en-US')).toBe(
      '8:00 AM your time (UTC) · Ana María has no time zone set',
    );
  });

  it('F38: the timeline line — "Scheduled for Tue 9:00 AM (contact time)", the date too beyond a week', () => {
    const context = { contactName: 'Ana', contactTimeZone: 'America/New_York', userTimeZone: 'America/New_York' };
    const tuesday = new Date('2027-03-16T13:00:00Z');
    expect(scheduledForLabel(tuesday, context, now, 'en-US')).toBe('Scheduled for Tue 9:00 AM (contact time)');
    expect(scheduledForLabel(tuesday, { ...context, userTimeZone: 'Europe/Paris' }, now, 'en-US')).toBe(
      'Scheduled for Tue 9:00 AM (contact time) · Tue 2:00 PM your time',
    );
    expect(scheduledForLabel(new Date('2027-04-06T13:00:00Z'), context, now, 'en-US')).toBe(
      'Scheduled for Tue, Apr 6 9:00 AM (contact time)',
    );
    expect(scheduledForLabel(tuesday, { ...context, contactTimeZone: null }, now, 'en-US')).toBe('Scheduled for Tue 9:00 AM (your time)');
  });

  it('F38: every cancel reason reads in words', () => {
    expect(canceledLabel('contact_replied')).toBe('Canceled — they replied first');
    expect(canceledLabel('dnd')).toBe('Canceled — Do Not Contact is set for text messages');
    expect(canceledLabel('opted_out')).toBe('Canceled — they opted out of text messages (STOP)');
    expect(canceledLabel('quiet_hours')).toBe('Canceled — it fell in quiet hours');
    expect(canceledLabel(null)).toBe('Canceled');
    expect(contactTimeZoneOf('Europe/Madrid')).toBe('Europe/Madrid');
    expect(contactTimeZoneOf('Nowhere/Else')).toBeNull();
  });
});
