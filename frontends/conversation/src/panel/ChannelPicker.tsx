import { CHANNELS, type Channel } from './composer-rules';

/** F18: the platform a message goes out on. */
export function ChannelPicker({ channel, onChange }: { channel: Channel; onChange: (channel: Channel) => void }) {
  return (
    <div className="conversation-channels" role="radiogroup" aria-label="Platform">
      {CHANNELS.map((each) => (
        <button
          key={each.id}
          type="button"
          role="radio"
          aria-checked={channel === each.id}
          className="conversation-channel-option"
          onClick={() => onChange(each.id)}
          title={each.id === 'imessage' ? 'iMessage is not configured for this account' : undefined}
        >
          {each.label}
        </button>
      ))}
    </div>
  );
}
