import type { MessageView, SenderNumberView } from '@conversations/contracts';
import type { Channel } from './composer-rules';

/** The account's numbers that can send on `channel` (GET /numbers says what each can do); iMessage has none. */
export function sendersFor(channel: Channel, numbers: readonly SenderNumberView[]): SenderNumberView[] {
  return channel === 'imessage' ? [] : numbers.filter((number) => number.capabilities[channel]);
}

/** Our number the contact last wrote to on `channel`: a reply goes out from the number they know. */
export function lastTextedNumber(messages: readonly MessageView[], channel: Channel): string | null {
  let latest: MessageView | null = null;
  for (const message of messages)
    if (message.direction === 'inbound' && message.channel === channel && (!latest || message.createdAt > latest.createdAt))
      latest = message;
  return latest?.to || null;
}

/** Where the From shown came from: chosen in the composer, the contact's SMS Setting, a reply, the only one. */
export type FromSource = 'picked' | 'sms-setting' | 'reply' | 'only';
export interface FromChoice {
  number: string | null;
  source: FromSource | null;
}

export interface FromFacts {
  channel: Channel;
  /** The numbers that can send on the channel; null while not known (loading, or messaging down): nothing is ruled out. */
  senders: readonly SenderNumberView[] | null;
  /** A From chosen in the composer for a channel other than SMS (SMS's choice is the SMS Setting). */
  picked: string | null;
  smsSetting: string | null;
  lastTexted: string | null;
}

/**
 * The From a message goes out from (F18, F21, F31). SMS: the contact's SMS Setting, else the number the
 * contact texted. WhatsApp: the one chosen here, else the number they wrote to, else the SMS Setting when it
 * can send WhatsApp (as the server would). Either way, the channel's only number when it has exactly one.
 * A number that cannot send on the channel is never offered.
 */
export function chooseFrom(facts: FromFacts): FromChoice {
  const { channel, senders } = facts;
  if (channel === 'imessage') return { number: null, source: null };
  const canSend = (number: string | null): number is string =>
    !!number && (senders === null || senders.some((sender) => sender.number === number));
  const candidates: [FromSource, string | null][] =
    channel === 'sms'
      ? [
          ['sms-setting', facts.smsSetting],
          ['reply', facts.lastTexted],
        ]
      : [
          ['picked', facts.picked],
          ['reply', facts.lastTexted],
          ['sms-setting', facts.smsSetting],
        ];
  for (const [source, number] of candidates) if (canSend(number)) return { number, source };
  if (senders?.length === 1) return { number: senders[0].number, source: 'only' };
  return { number: null, source: null };
}
