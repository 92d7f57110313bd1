import type { MessageView, SenderNumberView } from '@conversations/contracts';
import { chooseFrom, lastTextedNumber, sendersFor, type FromFacts } from './from-numbers';

const number = (digits: string, capabilities: Partial<SenderNumberView['capabilities']>): SenderNumberView => ({
  id: digits,
  number: digits,
  label: '',
  capabilities: { sms: false, whatsapp: false, voice: false, ...capabilities },
});
const SMS_ONLY = number('+14155550100', { sms: true, voice: true });
const BOTH = number('+14155550101', { sms: true, whatsapp: true });
const BOSTON = number('+16175550102', { sms: true });
const NUMBERS = [SMS_ONLY, BOTH, BOSTON];

const message = (facts: Partial<MessageView>): MessageView =>
  ({ direction: 'inbound', channel: 'sms', to: SMS_ONLY.number, createdAt: '2026-06-10T10:00:00.000Z', ...facts }) as MessageView;
const facts = (channel: FromFacts['channel'], more: Partial<FromFacts> = {}): FromFacts => ({
  channel,
  senders: sendersFor(channel, NUMBERS),
  picked: null,
  smsSetting: null,
  lastTexted: null,
  ...more,
});

describe('From numbers (F18, F21, F31)', () => {
  it('F18: offers for each channel only the numbers that can send on it; iMessage none', () => {
    expect(sendersFor('sms', NUMBERS)).toEqual(NUMBERS);
    expect(sendersFor('whatsapp', NUMBERS)).toEqual([BOTH]);
    expect(sendersFor('imessage', NUMBERS)).toEqual([]);
  });

  it('F21: a reply goes from our number the contact last wrote to on that channel', () => {
    const messages = [
      message({ to: BOSTON.number, createdAt: '2026-06-01T10:00:00.000Z' }),
      message({ to: SMS_ONLY.number, createdAt: '2026-06-09T10:00:00.000Z' }),
      message({ direction: 'outbound', to: '+14155550199', from: BOTH.number, createdAt: '2026-06-10T10:00:00.000Z' }),
      message({ channel: 'whatsapp', to: BOTH.number, createdAt: '2026-06-08T10:00:00.000Z' }),
    ];
    expect(lastTextedNumber(messages, 'sms')).toBe(SMS_ONLY.number);
    expect(lastTextedNumber(messages, 'whatsapp')).toBe(BOTH.number);
    expect(lastTextedNumber([], 'sms')).toBeNull();
  });

  it('F31: SMS goes from the SMS Setting first, else the number texted, else the only SMS number', () => {
    expect(chooseFrom(facts('sms', { smsSetting: BOSTON.number, lastTexted: SMS_ONLY.number }))).toEqual({
      number: BOSTON.number,
      source: 'sms-setting',
    });
    expect(chooseFrom(facts('sms', { lastTexted: SMS_ONLY.number }))).toEqual({ number: SMS_ONLY.number, source: 'reply' });
    expect(chooseFrom(facts('sms'))).toEqual({ number: null, source: null });
    expect(chooseFrom(facts('sms', { senders: [BOSTON] }))).toEqual({ number: BOSTON.number, source: 'only' });
  });

  it('F18: WhatsApp never goes from a number that cannot send WhatsApp, whatever the SMS Setting', () => {
    expect(chooseFrom(facts('whatsapp', { smsSetting: SMS_ONLY.number }))).toEqual({ number: BOTH.number, source: 'only' });
    expect(chooseFrom(facts('whatsapp', { smsSetting: BOTH.number }))).toEqual({ number: BOTH.number, source: 'sms-setting' });
    const two = [BOTH, number('+16175550199', { whatsapp: true })];
    expect(chooseFrom(facts('whatsapp', { senders: two }))).toEqual({ number: null, source: null });
    expect(chooseFrom(facts('whatsapp', { senders: two, picked: '+16175550199', lastTexted: BOTH.number }))).toEqual({
      number: '+16175550199',
      source: 'picked',
    });
    expect(chooseFrom(facts('whatsapp', { senders: two, lastTexted: BOTH.number }))).toEqual({ number: BOTH.number, source: 'reply' });
    expect(chooseFrom(facts('whatsapp', { senders: [], smsSetting: SMS_ONLY.number }))).toEqual({ number: null, source: null });
  });

  it('while the account’s numbers are not known, the contact’s own choices stand', () => {
    expect(chooseFrom(facts('sms', { senders: null, smsSetting: SMS_ONLY.number }))).toEqual({
      number: SMS_ONLY.number,
      source: 'sms-setting',
    });
    expect(chooseFrom(facts('imessage', { smsSetting: SMS_ONLY.number }))).toEqual({ number: null, source: null });
  });
});
