import { ApiError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Icon, Notice, formatPhone, useSmsFrom } from '@conversations/ui';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { AssignSelect } from './AssignSelect';
import { ChannelPicker } from './ChannelPicker';
import { DND_TEXT_MESSAGE, hasPlaceholders, insertAtCursor, renderPlaceholders, sendBlockReason, type Channel } from './composer-rules';
import { EmojiButton } from './EmojiButton';
import { useAssignment } from './use-assignment';
import { useSendMessage } from './use-send-message';

/** F18–F24: platform, Assign, emoji, text, Send. */
export function Composer({ contact }: { contact: ContactView }) {
  const [channel, setChannel] = useState<Channel>('sms');
  const [text, setText] = useState('');
  // The reason Send is refused is shown once the user tried, and follows later changes (e.g. a From chosen).
  const [attempted, setAttempted] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Shared with the details panel's SMS Setting through the query cache.
  const smsFrom = useSmsFrom(contact.id);
  const send = useSendMessage(contact);
  const assignment = useAssignment(contact);
  const dndBlocksText = contact.dnd.all || contact.dnd.sms;
  const blockReason = sendBlockReason({ channel, text, fromNumber: smsFrom.data?.from, contact });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    send.reset();
    setAttempted(true);
    if (blockReason) return;
    const message = { body: text, channel, clientMessageId: crypto.randomUUID(), from: smsFrom.data?.from };
    send.mutate(message, {
      onSuccess: () => {
        setText('');
        setAttempted(false);
      },
    });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event as unknown as FormEvent);
  };
  const edit = (next: string) => {
    setText(next);
    setAttempted(false);
  };
  // F20: the emoji goes where the cursor is, and the cursor follows it.
  const insertEmoji = (emoji: string) => {
    const element = textRef.current;
    const result = insertAtCursor(text, emoji, element?.selectionStart ?? text.length, element?.selectionEnd ?? text.length);
    setText(result.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.cursor, result.cursor);
    });
  };

  const preview = hasPlaceholders(text) ? renderPlaceholders(text, contact) : null;
  const sendError = send.error instanceof ApiError ? send.error : send.error ? new ApiError(0, 'UNKNOWN', messageOf(send.error)) : null;

  return (
    <form className="conversation-composer" onSubmit={submit} aria-label="Send a message">
      {dndBlocksText ? <Notice kind="warning">{DND_TEXT_MESSAGE}</Notice> : null}
      <div className="conversation-composer-bar">
        <ChannelPicker
          channel={channel}
          onChange={(next) => {
            setChannel(next);
            setAttempted(false);
          }}
        />
        <AssignSelect assignment={assignment} />
      </div>
      {channel === 'sms' && smsFrom.isSuccess ? (
        <div className="conversation-from">
          {smsFrom.data.from ? `From ${formatPhone(smsFrom.data.from)}` : 'No From number chosen yet (SMS Setting on the right).'}
        </div>
      ) : null}
      <div className="conversation-input-row">
        <EmojiButton onPick={insertEmoji} />
        <textarea
          ref={textRef}
          className="cv-textarea conversation-text"
          rows={2}
          placeholder="Type Your Text Here"
          aria-label="Message"
          value={text}
          onChange={(event) => edit(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button
          type="submit"
          className="cv-button cv-button--primary"
          disabled={!text.trim() || send.isPending || dndBlocksText || (channel === 'sms' && smsFrom.isPending)}
        >
          <Icon name="send" size={16} /> Send
        </button>
      </div>
      {preview ? (
        <div className="conversation-preview" aria-live="polite">
          <strong>Preview:</strong> {preview.text}
          <small> Placeholders such as {'{{contact.first_name}}'} are filled in for each contact when sending.</small>
        </div>
      ) : null}
      {attempted && blockReason && blockReason !== DND_TEXT_MESSAGE ? <Notice kind="warning">{blockReason}</Notice> : null}
      {sendError ? (
        <Notice kind="error">
          {sendError.isUnavailable
            ? 'Messaging is unavailable right now; your text is kept. Try again later.'
            : `Not sent: ${sendError.message}`}
        </Notice>
      ) : null}
      {assignment.error ? <Notice kind="error">{messageOf(assignment.error)}</Notice> : null}
    </form>
  );
}
