import type { ContactView, DndChange } from '@conversations/contracts';
import { dndReasonOf, latestScheduleFrom, scheduledTimeOf } from './schedule-rules';

const now = new Date('2026-03-08T06:30:00.000Z');
const fieldsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { extra: { fields?: Record<string, string[]> } }).extra.fields;
  }
  throw new Error('expected a validation error');
};

describe('F38: when a message may be scheduled', () => {
  it('takes an instant at least the lead and at most a year ahead, whatever its offset', () => {
    expect(scheduledTimeOf('2026-03-08T01:31:00-05:00', now, 30_000)).toEqual(new Date('2026-03-08T06:31:00.000Z'));
    expect(scheduledTimeOf('2027-03-08T06:30:00Z', now, 30_000)).toEqual(latestScheduleFrom(now));
    expect(fieldsOf(() => scheduledTimeOf('2026-03-08T06:30:20Z', now, 30_000))).toEqual({
      scheduledAt: ['scheduledAt must be at least 30 seconds from now'],
    });
    expect(fieldsOf(() => scheduledTimeOf('2026-03-08T06:30:20Z', now, 300_000))).toEqual({
      scheduledAt: ['scheduledAt must be at least 5 minutes from now'],
    });
    expect(fieldsOf(() => scheduledTimeOf('2027-03-08T06:30:01Z', now, 30_000))).toEqual({
      scheduledAt: ['scheduledAt must be at most a year from now'],
    });
  });
});

describe('F38: why Do Not Contact keeps a scheduled text from going', () => {
  const contact = (dnd: Partial<ContactView['dnd']>, history: Partial<DndChange>[] = []) =>
    ({
      dnd: { all: false, email: false, sms: false, calls: false, inboundCallsAndSms: false, ...dnd },
      dndHistory: history.map((change) => ({ at: now.toISOString(), by: 'u-1', source: 'user', changes: {}, ...change })),
    }) as ContactView;

  it('is opted_out when the contact’s own STOP turned texts off, dnd when a person did, none when texts are allowed', () => {
    expect(dndReasonOf(contact({}))).toBeNull();
    expect(dndReasonOf(contact({ inboundCallsAndSms: true }))).toBeNull();
    expect(dndReasonOf(contact({ sms: true }, [{ source: 'inbound-keyword', keyword: 'STOP', changes: { sms: true } }]))).toBe('opted_out');
    expect(dndReasonOf(contact({ sms: true }, [{ source: 'user', changes: { sms: true } }]))).toBe('dnd');
    // A person set DND for all channels after the contact's STOP: the last change that turned texts off decides.
    expect(
      dndReasonOf(
        contact({ sms: true, all: true }, [
          { source: 'inbound-keyword', changes: { sms: true } },
          { source: 'user', changes: { all: true } },
        ]),
      ),
    ).toBe('dnd');
  });
});
