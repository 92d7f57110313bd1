import { ApiError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Icon, Notice } from '@conversations/ui';
import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { AssignSelect } from './AssignSelect';
import { ChannelPicker } from './ChannelPicker';
import {
  DND_ALL_TEXT_MESSAGE,
  DND_TEXT_MESSAGE,
  dndTextReason,
  IMESSAGE_NOT_CONFIGURED_MESSAGE,
  hasPlaceholders,
  insertAtCursor,
  renderPlaceholders,
  sendBlockReason,
  type Channel,
} from './composer-rules';
import { EmojiButton } from './EmojiButton';
import { FromLine } from './FromLine';
import type { ScheduleContext } from './schedule-rules';
import { ScheduleDialog, type ScheduleChoice } from './ScheduleDialog';
import { SendLaterMenu } from './SendLaterMenu';
import { useAssignment } from './use-assignment';
import { useComposerDraft } from './use-composer-draft';
import { useFromNumber } from './use-from-number';
import { useSendMessage } from './use-send-message';

/** Shown whatever is typed, so the user learns before writing that this message cannot go out. */
const STANDING_NOTICES = [DND_TEXT_MESSAGE, DND_ALL_TEXT_MESSAGE, IMESSAGE_NOT_CONFIGURED_MESSAGE];

/**
 * F18–F24, F38: platform, From, Assign, emoji, text, Send and Send later. What is typed is kept until it is
 * sent or scheduled (F37).
 */
export function Composer({ contact, scheduleContext }: { contact: ContactView; scheduleContext: ScheduleContext }) {
  const { draft, update, sent } = useComposerDraft(contact.id);
  const { text, channel } = draft;
  // The reason Send is refused is shown once the user tried, and follows later changes (e.g. a From chosen).
  const [attempted, setAttempted] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const from = useFromNumber(contact, channel, draft.whatsappFrom, (number) => update({ whatsappFrom: number }));
  const send = useSendMessage(contact, (message) => sent(message.body));
  // F38: Send later is its own request (its refusals show in its dialog), cleared from the box the same way.
  const later = useSendMessage(contact, (message) => sent(message.body));
  const [laterOpen, setLaterOpen] = useState(false);
  const [laterRefusal, setLaterRefusal] = useState<string | null>(null);
  const assignment = useAssignment(contact);
  const dndNotice = dndTextReason(contact);
  const blockReason = sendBlockReason({ channel, text, fromNumber: from.number, contact, senderCount: from.senders?.length });

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    send.reset();
    setAttempted(true);
    if (blockReason) return;
    send.mutate({ body: text, channel, clientMessageId: crypto.randomUUID(), from: from.number }, { onSuccess: () => setAttempted(false) });
  };
  const openLater = () => {
    send.reset();
    setAttempted(true);
    if (blockReason) return;
    later.reset();
    setLaterRefusal(null);
    setLaterOpen(true);
  };
  const schedule = (choice: ScheduleChoice) => {
    // The From or DND may have changed while the dialog was open: the same rules as Send, checked again.
    setLaterRefusal(blockReason);
    if (blockReason || !choice.scheduledAt) return;
    later.reset();
    later.mutate(
      {
        body: text,
        channel,
        clientMessageId: crypto.randomUUID(),
        from: from.number,
        scheduledAt: choice.scheduledAt,
        cancelIfReplied: choice.cancelIfReplied,
      },
      {
        onSuccess: () => {
          setAttempted(false);
          setLaterOpen(false);
        },
      },
    );
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event as unknown as FormEvent);
  };
  const edit = (next: string) => {
    update({ text: next });
    setAttempted(false);
  };
  // Another channel or From is another message: what the last one was refused for no longer applies.
  const changeChannel = (next: Channel) => {
    update({ channel: next });
    setAttempted(false);
    send.reset();
    from.forgetSaveError();
  };
  const pickFrom = (number: string | null) => {
    from.pick(number);
    send.reset();
  };
  // F20: the emoji goes where the cursor is, and the cursor follows it.
  const insertEmoji = (emoji: string) => {
    const element = textRef.current;
    const result = insertAtCursor(text, emoji, element?.selectionStart ?? text.length, element?.selectionEnd ?? text.length);
    update({ text: result.text });
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.cursor, result.cursor);
    });
  };

  const preview = hasPlaceholders(text) ? renderPlaceholders(text, contact) : null;
  const sendError = send.error instanceof ApiError ? send.error : send.error ? new ApiError(0, 'UNKNOWN', messageOf(send.error)) : null;

  const sendDisabled = !text.trim() || send.isPending || later.isPending || !!dndNotice || channel === 'imessage' || !from.known;

  return (
    <>
      <form className="conversation-composer" onSubmit={submit} aria-label="Send a message">
        {dndNotice ? <Notice kind="warning">{dndNotice}</Notice> : null}
        <div className="conversation-composer-bar">
          <ChannelPicker channel={channel} onChange={changeChannel} />
          <AssignSelect assignment={assignment} />
        </div>
        {channel === 'imessage' ? <Notice kind="info">{IMESSAGE_NOT_CONFIGURED_MESSAGE}</Notice> : null}
        {from.loading ? null : (
          <FromLine
            channel={channel}
            from={from}
            senders={from.senders}
            contactName={contact.firstName || contact.fullName}
            disabled={from.saving || send.isPending}
            onPick={pickFrom}
          />
        )}
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
          <div className="conversation-send">
            <button type="submit" className="cv-button cv-button--primary conversation-send-now" disabled={sendDisabled}>
              <Icon name="send" size={16} /> Send
            </button>
            <SendLaterMenu disabled={sendDisabled} onSendLater={openLater} />
          </div>
        </div>
        {preview ? (
          <div className="conversation-preview" aria-live="polite">
            <strong>Preview:</strong> {preview.text}
            <small> Placeholders such as {'{{contact.first_name}}'} are filled in for each contact when sending.</small>
          </div>
        ) : null}
        {attempted && blockReason && !STANDING_NOTICES.includes(blockReason) ? <Notice kind="warning">{blockReason}</Notice> : null}
        {sendError ? (
          <Notice kind="error">
            {sendError.isUnavailable
              ? 'Messaging is unavailable right now; your text is kept. Try again later.'
              : `Not sent: ${sendError.message}`}
          </Notice>
        ) : null}
        {from.saveError ? <Notice kind="error">{messageOf(from.saveError)}</Notice> : null}
        {assignment.error ? <Notice kind="error">{messageOf(assignment.error)}</Notice> : null}
      </form>
      {/* Outside the composer's form: a form in a form is not HTML. */}
      {laterOpen ? (
        <ScheduleDialog
          title="Send later"
          submitLabel="Schedule"
          refusedPrefix="Not scheduled"
          context={scheduleContext}
          initial={{ scheduledAt: null, cancelIfReplied: false, body: text }}
          editsBody={false}
          pending={later.isPending}
          error={later.error}
          refusal={laterRefusal}
          onSubmit={schedule}
          onClose={() => setLaterOpen(false)}
        />
      ) : null}
    </>
  );
}
