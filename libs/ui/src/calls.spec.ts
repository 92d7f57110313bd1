import type { CallView } from '@conversations/contracts';
import { callOutcome, reasonBeyond } from './calls';

const call = (facts: Partial<CallView>) =>
  ({ direction: 'outbound', status: 'completed', answered: true, rejected: false, ...facts }) as CallView;

describe('F8, F17: a call’s outcome, completed vs missed or failed', () => {
  it('completed only when someone talked', () => {
    expect(callOutcome(call({}))).toEqual({ tone: 'completed', label: 'Completed' });
    expect(callOutcome(call({ answered: false }))).toEqual({ tone: 'missed', label: 'Not answered' });
  });

  it('an unanswered inbound call is missed; a rejected one says why', () => {
    expect(callOutcome(call({ direction: 'inbound', status: 'no-answer', answered: false }))).toEqual({ tone: 'missed', label: 'Missed' });
    expect(
      callOutcome(call({ direction: 'inbound', status: 'no-answer', answered: false, recording: { durationSeconds: 8, url: '/r' } })),
    ).toEqual({ tone: 'missed', label: 'Missed (voicemail)' });
    expect(callOutcome(call({ direction: 'inbound', status: 'canceled', answered: false, rejected: true }))).toEqual({
      tone: 'missed',
      label: 'Rejected (DND)',
    });
  });

  it('an outbound call names the carrier’s outcome; failed is its own tone; ongoing calls are active', () => {
    expect(callOutcome(call({ status: 'busy', answered: false })).label).toBe('Busy');
    expect(callOutcome(call({ status: 'no-answer', answered: false })).label).toBe('No answer');
    expect(callOutcome(call({ status: 'failed', answered: false })).tone).toBe('failed');
    expect(callOutcome(call({ status: 'ringing', answered: false }))).toEqual({ tone: 'active', label: 'Ringing…' });
  });
});

describe('reasonBeyond', () => {
  it('keeps a reason that says more than the outcome, drops one that repeats it', () => {
    expect(reasonBeyond('Busy', 'Line busy')).toBeNull();
    expect(reasonBeyond('Failed', 'The carrier could not reach the number')).toBe('The carrier could not reach the number');
    expect(reasonBeyond('Missed', null)).toBeNull();
    expect(reasonBeyond('Missed', 'Missed call: no one was available to take it')).toBe('Missed call: no one was available to take it');
  });
});
