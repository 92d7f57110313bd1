import type { SenderNumberView } from '@conversations/contracts';
import { formatPhone } from '@conversations/ui';
import { useId } from 'react';
import type { Channel } from './composer-rules';
import type { FromChoice } from './from-numbers';

const SENDS = { sms: 'send SMS', whatsapp: 'send WhatsApp messages' } as const;

/**
 * F18, F31: the From of the active channel, chosen among the numbers that can send on it, or what to do
 * when there is none. While the account's numbers are not known, the From is shown as text.
 */
export function FromLine({
  channel,
  from,
  senders,
  contactName,
  disabled,
  onPick,
}: {
  channel: Channel;
  from: FromChoice;
  senders: readonly SenderNumberView[] | null;
  contactName: string;
  disabled: boolean;
  onPick: (number: string | null) => void;
}) {
  const selectId = useId();
  if (channel === 'imessage') return null;
  if (senders === null)
    return (
      <div className="conversation-from">
        {from.number
          ? `From ${formatPhone(from.number)}`
          : channel === 'sms'
            ? 'No From number chosen yet (SMS Setting on the right).'
            : null}
      </div>
    );
  if (!senders.length) return <div className="conversation-from">This account has no number that can {SENDS[channel]}.</div>;
  return (
    <div className="conversation-from">
      <label htmlFor={selectId}>From</label>
      <select
        id={selectId}
        className="cv-select conversation-from-select"
        name="composer-from"
        value={from.number ?? ''}
        disabled={disabled}
        onChange={(event) => onPick(event.target.value || null)}
      >
        {from.number ? null : <option value="">Select a From number</option>}
        {senders.map((sender) => (
          <option key={sender.id} value={sender.number}>
            {formatPhone(sender.number)}
            {sender.label ? ` · ${sender.label}` : ''}
          </option>
        ))}
      </select>
      {from.source === 'reply' ? <span>the number {contactName} texted</span> : null}
    </div>
  );
}
