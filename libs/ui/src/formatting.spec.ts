import { contactLabel, formatDuration, formatListTime, formatPhone } from './formatting';

describe('formatting', () => {
  it('formats North American numbers for reading and leaves others as E.164', () => {
    expect(formatPhone('+14155550100')).toBe('(415) 555-0100');
    expect(formatPhone('+33612345678')).toBe('+33612345678');
    expect(formatPhone(null)).toBe('');
  });

  it('says Today / Yesterday in the user time zone', () => {
    const now = new Date('2026-03-10T12:00:00Z');
    expect(formatListTime('2026-03-10T08:00:00Z', 'UTC', now)).toMatch(/^Today /);
    expect(formatListTime('2026-03-09T08:00:00Z', 'UTC', now)).toMatch(/^Yesterday /);
    // 02:00 UTC on the 10th is still the 9th in Los Angeles.
    expect(formatListTime('2026-03-10T02:00:00Z', 'America/Los_Angeles', now)).toMatch(/^Yesterday /);
  });

  it('formats call durations', () => {
    expect(formatDuration(75)).toBe('1m 15s');
    expect(formatDuration(9)).toBe('9s');
    expect(formatDuration(null)).toBe('');
  });
});

describe('contactLabel (#14 §7: one label everywhere)', () => {
  it('is the name, else the phone as people read it (also when a copy carries the phone as its name), else "Unnamed contact"', () => {
    expect(contactLabel({ fullName: 'Ana Ruiz', phone: '+13125550199' })).toBe('Ana Ruiz');
    expect(contactLabel({ fullName: '', phone: '+13125550199' })).toBe('(312) 555-0199');
    expect(contactLabel({ fullName: '+13125550199', phone: '+13125550199' })).toBe('(312) 555-0199');
    expect(contactLabel({ fullName: '', phone: null })).toBe('Unnamed contact');
  });
});
