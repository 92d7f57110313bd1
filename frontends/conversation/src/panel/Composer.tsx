import { ApiError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { Icon, Notice, formatPhone, useApi } from '@conversations/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Suspense, lazy, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  CHANNELS,
  DND_TEXT_MESSAGE,
  hasPlaceholders,
  insertAtCursor,
  renderPlaceholders,
  sendBlockReason,
  type Channel,
} from './composer-rules';
import { contactKey } from './keys';
import {
  messageEntry,
  pendingMessageId,
  removeEntry,
  timelineKey,
  upsertEntry,
  type TimelineMessage,
  type TimelinePages,
} from './timeline-items';

const EmojiPicker = lazy(() => import('./EmojiPicker'));

/** F18–F24: platform, Assign, emoji, text, Send. */
export function Composer({ contact }: { contact: ContactView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [channel, setChannel] = useState<Channel>('sms');
  const [text, setText] = useState('');
  // The reason Send is refused is shown once the user tried, and follows later changes (e.g. a From chosen).
  const [attempted, setAttempted] = useState(false);
  const [emojiOpen, setEmojiOpen] = useState(false);
  const textRef = useRef<HTMLTextAreaElement>(null);
  // Shared with the details panel's SMS Setting through the query cache (same key).
  const smsFrom = useQuery({ queryKey: ['sms-from', contact.id], queryFn: () => api.getSmsFrom(contact.id), retry: false });
  const dndBlocksText = contact.dnd.all || contact.dnd.sms;

  const send = useMutation({
    mutationFn: (message: { body: string; channel: Channel; clientMessageId: string }) =>
      api.sendMessage(contact.id, {
        channel: message.channel,
        body: message.body,
        clientMessageId: message.clientMessageId,
        from: message.channel === 'sms' ? (smsFrom.data?.from ?? undefined) : undefined,
      }),
    onMutate: async (message) => {
      // F23: the message shows at once; the server's record replaces it.
      await queryClient.cancelQueries({ queryKey: timelineKey(contact.id) });
      const now = new Date().toISOString();
      const optimistic: TimelineMessage = {
        id: pendingMessageId(message.clientMessageId),
        contactId: contact.id,
        direction: 'outbound',
        channel: message.channel,
        from: smsFrom.data?.from ?? '',
        to: contact.phone ?? '',
        body: renderPlaceholders(message.body, contact).text,
        segments: 1,
        status: 'queued',
        statusTrail: [],
        failureReason: null,
        clientMessageId: message.clientMessageId,
        providerMessageId: null,
        automated: false,
        silenced: false,
        sentBy: null,
        createdAt: now,
        updatedAt: now,
        pending: true,
      };
      queryClient.setQueryData<TimelinePages>(timelineKey(contact.id), (data) => upsertEntry(data, messageEntry(optimistic)));
    },
    onSuccess: (saved) => {
      // The server's record replaces the pending bubble (or joins a live event that already brought it).
      queryClient.setQueryData<TimelinePages>(timelineKey(contact.id), (data) => upsertEntry(data, messageEntry(saved)));
      setText('');
      setAttempted(false);
      void queryClient.invalidateQueries({ queryKey: ['conversations', 'list'] });
    },
    onError: (_error, message) => {
      // F23/F37: the text stays in the box; the pending bubble goes away.
      queryClient.setQueryData<TimelinePages>(timelineKey(contact.id), (data) =>
        removeEntry(data, `message:${pendingMessageId(message.clientMessageId)}`),
      );
    },
  });

  const assign = useMutation({
    mutationFn: (value: string) =>
      api.setAssignment(
        contact.id,
        value.startsWith('user:') ? { type: 'user', userId: value.slice(5) } : { type: value as 'unassigned' | 'company' },
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(contactKey(contact.id), updated);
      panelBus().publish('contact-updated', { contactId: contact.id });
    },
  });
  const team = useQuery({ queryKey: ['team-members'], queryFn: () => api.listTeamMembers(), staleTime: 300_000 });
  const assignment = contact.assignment.type === 'user' ? `user:${contact.assignment.userId}` : contact.assignment.type;

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    send.reset();
    setAttempted(true);
    if (blockReason) return;
    send.mutate({ body: text, channel, clientMessageId: crypto.randomUUID() });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) submit(event as unknown as FormEvent);
  };
  const insertEmoji = (emoji: string) => {
    const element = textRef.current;
    const result = insertAtCursor(text, emoji, element?.selectionStart ?? text.length, element?.selectionEnd ?? text.length);
    setText(result.text);
    setEmojiOpen(false);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.cursor, result.cursor);
    });
  };

  const blockReason = sendBlockReason({ channel, text, fromNumber: smsFrom.data?.from, contact });
  const preview = hasPlaceholders(text) ? renderPlaceholders(text, contact) : null;
  const sendError = send.error instanceof ApiError ? send.error : send.error ? new ApiError(0, 'UNKNOWN', messageOf(send.error)) : null;

  return (
    <form className="conversation-composer" onSubmit={submit} aria-label="Send a message">
      {dndBlocksText ? <Notice kind="warning">{DND_TEXT_MESSAGE}</Notice> : null}
      <div className="conversation-composer-bar">
        <div className="conversation-channels" role="radiogroup" aria-label="Platform">
          {CHANNELS.map((each) => (
            <button
              key={each.id}
              type="button"
              role="radio"
              aria-checked={channel === each.id}
              className="conversation-channel-option"
              onClick={() => {
                setChannel(each.id);
                setAttempted(false);
              }}
              title={each.id === 'imessage' ? 'iMessage is not configured for this account' : undefined}
            >
              {each.label}
            </button>
          ))}
        </div>
        <label className="conversation-assign">
          <span>Assign</span>
          <select
            className="cv-select"
            value={assign.isPending ? assign.variables : assignment}
            onChange={(event) => assign.mutate(event.target.value)}
            disabled={assign.isPending}
          >
            <option value="unassigned">Unassigned</option>
            <option value="company">Company</option>
            {(team.data ?? []).map((member) => (
              <option key={member.id} value={`user:${member.id}`}>
                {member.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {channel === 'sms' && smsFrom.isSuccess ? (
        <div className="conversation-from">
          {smsFrom.data.from ? `From ${formatPhone(smsFrom.data.from)}` : 'No From number chosen yet (SMS Setting on the right).'}
        </div>
      ) : null}
      <div className="conversation-input-row">
        <div className="conversation-emoji">
          <button
            type="button"
            className="cv-icon-button"
            aria-label="Emoji"
            aria-expanded={emojiOpen}
            onClick={() => setEmojiOpen(!emojiOpen)}
          >
            <Icon name="smile" />
          </button>
          {emojiOpen ? (
            <div className="conversation-emoji-popover">
              <Suspense fallback={<div className="conversation-emoji-loading">Loading emoji…</div>}>
                <EmojiPicker onPick={insertEmoji} />
              </Suspense>
            </div>
          ) : null}
        </div>
        <textarea
          ref={textRef}
          className="cv-textarea conversation-text"
          rows={2}
          placeholder="Type Your Text Here"
          aria-label="Message"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setAttempted(false);
          }}
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
      {assign.isError ? <Notice kind="error">{messageOf(assign.error)}</Notice> : null}
    </form>
  );
}
