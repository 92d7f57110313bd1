import { CALL_STATUSES, type CallStatus } from '@conversations/contracts';
import { Types } from 'mongoose';
import type { CallDocument } from '../calls/call.schema';
import { callStatusOfCarrierWord, dialOutcome, hangupOutcome, isFinal } from './call-outcomes';

const at = new Date('2026-03-01T10:00:00.000Z');

function call(fields: Partial<CallDocument> = {}): CallDocument {
  return { _id: new Types.ObjectId(), direction: 'outbound', status: 'ringing', answered: false, ...fields } as CallDocument;
}

describe('call statuses from Plivo’s words (F8, F17)', () => {
  it.each([
    ['completed', 'completed'],
    ['busy', 'busy'],
    ['rejected', 'busy'],
    ['no-answer', 'no-answer'],
    ['timeout', 'no-answer'],
    ['failed', 'failed'],
    ['cancel', 'canceled'],
    ['canceled', 'canceled'],
    [' Completed ', 'completed'],
    ['in-progress', 'in-progress'],
    ['ringing', null],
    ['exploded', null],
  ])('%s → %s', (word, expected) => {
    expect(callStatusOfCarrierWord(word)).toBe(expected);
  });

  it('the last five statuses are final', () => {
    expect(CALL_STATUSES.filter((status) => isFinal(status))).toEqual(['completed', 'busy', 'no-answer', 'failed', 'canceled']);
  });
});

describe('how a click-to-call ends (the contact leg’s Dial result)', () => {
  const dial = (
    status: string,
    fields: Partial<CallDocument> = {},
    extra: { durationSeconds?: number | null; hangupCause?: string | null } = {},
  ) =>
    dialOutcome(
      call(fields),
      { status, durationSeconds: extra.durationSeconds ?? null, hangupCause: extra.hangupCause ?? null, at, dialLegCallId: 'b-leg' },
      false,
    );

  it('completed: answered, talk time from the bridged leg, answered at end minus talk', () => {
    expect(dial('completed', {}, { durationSeconds: 65 })).toEqual({
      status: 'completed',
      answered: true,
      durationSeconds: 65,
      answeredAt: new Date('2026-03-01T09:58:55.000Z'),
      endedAt: at,
      outcomeReason: null,
      contactLegCallId: 'b-leg',
    });
  });

  it.each([
    ['busy', 'busy', 'Line busy'],
    ['no-answer', 'no-answer', 'No answer'],
    ['timeout', 'no-answer', 'No answer'],
    ['failed', 'failed', 'Carrier failure: UNALLOCATED_NUMBER'],
    ['cancel', 'canceled', 'The call was canceled'],
  ])('%s → %s with the reason “%s”, not answered, zero seconds', (word, status, reason) => {
    expect(dial(word, {}, { hangupCause: 'UNALLOCATED_NUMBER' })).toMatchObject({
      status,
      outcomeReason: reason,
      answered: false,
      durationSeconds: 0,
      endedAt: at,
    });
  });

  it('a failure without a cause still says it was the carrier', () => {
    expect(dial('failed')).toMatchObject({ outcomeReason: 'Carrier failure: the carrier gave no cause' });
  });

  it.each(['completed', 'busy', 'no-answer', 'failed', 'canceled'] as CallStatus[])(
    'never changes a final %s call (late or repeated reports)',
    (status) => {
      for (const word of ['completed', 'busy', 'no-answer', 'failed', 'cancel']) expect(dial(word, { status })).toBeNull();
    },
  );

  it('ignores words that are not an outcome', () => {
    expect(dial('ringing')).toBeNull();
    expect(dial('in-progress')).toBeNull();
  });
});

describe('how an inbound call ends (the team member leg’s Dial result)', () => {
  it('a missed call says so, and that the caller was sent to voicemail when the tenant has it', () => {
    const inbound = call({ direction: 'inbound' });
    const report = { status: 'no-answer', durationSeconds: 0, hangupCause: 'NO_ANSWER', at, dialLegCallId: null };
    expect(dialOutcome(inbound, report, false)).toMatchObject({ status: 'no-answer', outcomeReason: 'Missed call: no one answered' });
    expect(dialOutcome(inbound, report, true)).toMatchObject({
      status: 'no-answer',
      outcomeReason: 'Missed call: no one answered; the caller was sent to voicemail',
    });
    expect(dialOutcome(inbound, { ...report, status: 'busy' }, false)).toMatchObject({ status: 'busy', outcomeReason: 'Line busy' });
  });
});

describe('the hangup of the first leg', () => {
  const hangup = (status: string, fields: Partial<CallDocument>, hangupCause: string | null = null, durationSeconds: number | null = 0) =>
    hangupOutcome(call(fields), { status, durationSeconds, hangupCause, at });

  it.each([
    ['no-answer', 'no-answer', 'You did not answer your phone'],
    ['timeout', 'no-answer', 'You did not answer your phone'],
    ['busy', 'busy', 'Your phone was busy'],
    ['failed', 'failed', 'Carrier failure: NETWORK_OUT_OF_ORDER'],
    ['cancel', 'canceled', 'The call was canceled'],
    ['completed', 'failed', 'Carrier failure: NETWORK_OUT_OF_ORDER'],
  ])('click-to-call, the user’s phone never answered: %s → %s “%s”', (word, status, reason) => {
    expect(hangup(word, { status: 'initiated' }, 'NETWORK_OUT_OF_ORDER')).toEqual({
      status,
      outcomeReason: reason,
      endedAt: at,
      answered: false,
      durationSeconds: 0,
    });
  });

  it('click-to-call, the user hung up while the contact’s phone rang: canceled', () => {
    expect(hangup('completed', { status: 'ringing' })).toMatchObject({
      status: 'canceled',
      outcomeReason: 'You hung up before the contact answered',
    });
  });

  it('inbound, the caller hung up while the team member’s phone rang: canceled', () => {
    expect(hangup('completed', { status: 'ringing', direction: 'inbound' })).toMatchObject({
      status: 'canceled',
      outcomeReason: 'The caller hung up before anyone answered',
    });
  });

  it('a call in progress completes with the hangup’s duration', () => {
    expect(hangup('completed', { status: 'in-progress' }, null, 31)).toMatchObject({
      status: 'completed',
      answered: true,
      durationSeconds: 31,
    });
  });

  it('a final call is never changed by a hangup', () => {
    expect(hangup('no-answer', { status: 'completed' })).toBeNull();
    expect(hangup('completed', { status: 'busy' })).toBeNull();
  });
});
