import { ApiError, fieldError, messageOf } from '@conversations/api-client';
import type { CallView, ContactView } from '@conversations/contracts';
import {
  Field,
  Icon,
  Notice,
  callOutcome,
  formatDuration,
  contactLabel,
  formatPhone,
  queryKeys,
  reasonBeyond,
  useApi,
  useLiveEvents,
  useMe,
  useNumbers,
  useSmsFrom,
} from '@conversations/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { callEntry, upsertEntry, type TimelinePages } from './timeline-items';

export const DND_CALLS_MESSAGE = 'This contact has Do Not Contact set for calls. Calling is blocked.';
export const DND_ALL_CALLS_MESSAGE = 'This contact has Do Not Contact set for all channels. Calling is blocked.';

/** Why the Call button cannot start a call before asking the server (naming what DND is set for), or null. */
export function callBlockReason(contact: ContactView): string | null {
  if (contact.dnd.all) return DND_ALL_CALLS_MESSAGE;
  if (contact.dnd.calls) return DND_CALLS_MESSAGE;
  if (!contact.phone) return 'This contact has no phone number to call.';
  return null;
}

/** The caller id to offer first: the contact's SMS From when it can place calls, else the first voice number. */
export function defaultCallerId(voiceNumbers: readonly string[], smsFrom: string | null | undefined): string | null {
  if (smsFrom && voiceNumbers.includes(smsFrom)) return smsFrom;
  return voiceNumbers[0] ?? null;
}

/** What the Call button and the status under the header share (F13). */
export type ClickToCallState = ReturnType<typeof useClickToCall>;

/**
 * F13 click-to-call: the carrier rings the signed-in user's phone, then bridges to the contact. The caller id
 * is one of the account's voice numbers (a choice when there are several); the call's progress follows the
 * live evt.calls.* events of the call it started.
 */
export function useClickToCall(contact: ContactView) {
  const api = useApi();
  const queryClient = useQueryClient();
  // Both shared with the details panel's SMS Setting through the query cache.
  const numbers = useNumbers();
  const smsFrom = useSmsFrom(contact.id);
  const me = useMe();
  const voiceNumbers = (numbers.data ?? []).filter((number) => number.capabilities.voice);
  const [chosenFrom, setChosenFrom] = useState<string | null>(null);
  const from =
    chosenFrom ??
    defaultCallerId(
      voiceNumbers.map((number) => number.number),
      smsFrom.data?.from,
    );
  const [picking, setPicking] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [call, setCall] = useState<CallView | null>(null);

  const start = useMutation({
    mutationFn: (callerId: string) => api.startCall(contact.id, callerId),
    onSuccess: (started) => {
      setCall((current) => (current?.id === started.id && current.updatedAt > started.updatedAt ? current : started));
      // The Calls list places the call from its evt.calls.created.
      queryClient.setQueryData<TimelinePages>(queryKeys.timeline(contact.id), (data) => upsertEntry(data, callEntry(started)));
    },
  });

  useLiveEvents((event) => {
    if (event.type !== 'evt.calls.created' && event.type !== 'evt.calls.updated') return;
    const data = event.data;
    setCall((current) =>
      current && data.call && data.callId === current.id && data.call.updatedAt >= current.updatedAt ? data.call : current,
    );
  });

  const dial = (callerId: string | null) => {
    setPicking(false);
    setCall(null);
    start.reset();
    const blocked = callBlockReason(contact);
    if (blocked) return setRefusal(blocked);
    if (!callerId) return setRefusal('No number of this account can place calls. Ask your admin to enable voice on a number.');
    setRefusal(null);
    start.mutate(callerId);
  };

  return {
    voiceNumbers,
    from,
    setFrom: setChosenFrom,
    picking,
    setPicking,
    numbersLoading: numbers.isPending,
    unavailable: numbers.error instanceof ApiError && numbers.error.isUnavailable,
    /** Several voice numbers: the button opens the From choice; otherwise it dials at once. */
    press: () => (voiceNumbers.length > 1 && !callBlockReason(contact) ? setPicking(!picking) : dial(from)),
    dial,
    pending: start.isPending,
    error: start.error,
    refusal,
    call,
    busy: start.isPending || (!!call && callOutcome(call).tone === 'active'),
    userPhone: me.data?.phone ?? null,
    dismiss: () => {
      setRefusal(null);
      setCall(null);
      start.reset();
    },
  };
}

export function CallButton({ contact, state }: { contact: ContactView; state: ClickToCallState }) {
  const pickerRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const { picking, setPicking } = state;
  useEffect(() => {
    if (!picking) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent) {
        if (event.key !== 'Escape') return;
        setPicking(false);
        buttonRef.current?.focus(); // back where the keyboard user was
      } else if (!pickerRef.current?.contains(event.target as Node)) setPicking(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [picking, setPicking]);
  const several = state.voiceNumbers.length > 1;
  return (
    <div className="conversation-call-control" ref={pickerRef}>
      <button
        ref={buttonRef}
        type="button"
        className="cv-icon-button"
        aria-label="Call"
        aria-haspopup={several ? 'dialog' : undefined}
        aria-expanded={several ? picking : undefined}
        title={
          state.unavailable
            ? 'Calling is unavailable right now'
            : state.busy
              ? 'A call is in progress'
              : `Call ${formatPhone(contact.phone) || contact.fullName}`
        }
        disabled={state.numbersLoading || state.unavailable || state.busy}
        onClick={state.press}
        data-testid="call-button"
      >
        <Icon name="phone" />
      </button>
      {picking ? (
        <div role="dialog" aria-label="Place a call" className="conversation-call-picker">
          <Field label="Call from" error={fieldError(state.error, 'from')}>
            <select
              className="cv-select"
              name="call-from"
              value={state.from ?? ''}
              onChange={(event) => state.setFrom(event.target.value)}
              autoFocus
            >
              {state.voiceNumbers.map((number) => (
                <option key={number.id} value={number.number}>
                  {formatPhone(number.number)}
                  {number.label ? ` · ${number.label}` : ''}
                </option>
              ))}
            </select>
          </Field>
          <button type="button" className="cv-button cv-button--primary" onClick={() => state.dial(state.from)}>
            <Icon name="phone" size={16} /> Call {formatPhone(contact.phone)}
          </button>
        </div>
      ) : null}
    </div>
  );
}

/** Under the header: "Calling your phone…", the call's live status, or why it could not start. */
export function CallProgress({ contact, state }: { contact: ContactView; state: ClickToCallState }) {
  const { pending, call, error, refusal, userPhone } = state;
  const name = contactLabel(contact);
  const dismiss = (
    <button type="button" className="cv-icon-button conversation-call-dismiss" aria-label="Dismiss" onClick={state.dismiss}>
      <Icon name="close" size={16} />
    </button>
  );
  if (refusal)
    return (
      <div className="conversation-call-banner" data-testid="call-status">
        <Notice kind="warning">{refusal}</Notice>
        {dismiss}
      </div>
    );
  if (error) {
    const apiError = error instanceof ApiError ? error : null;
    const text =
      apiError?.code === 'DND_BLOCKED'
        ? (callBlockReason(contact) ?? DND_CALLS_MESSAGE)
        : apiError?.isUnavailable
          ? 'Calling is unavailable right now. Try again later.'
          : `Call not started: ${messageOf(error)}`;
    const fields = apiError ? Object.entries(apiError.fields).flatMap(([, messages]) => messages) : [];
    return (
      <div className="conversation-call-banner" data-testid="call-status">
        <Notice kind={apiError?.code === 'DND_BLOCKED' ? 'warning' : 'error'}>
          <span>
            {text}
            {fields.map((message) => (
              <span key={message} className="conversation-call-field-error">
                {message}
              </span>
            ))}
          </span>
        </Notice>
        {dismiss}
      </div>
    );
  }
  if (pending || (call && (call.status === 'initiated' || call.status === 'ringing')))
    return (
      <div className="conversation-call-banner" data-testid="call-status" aria-live="polite">
        <Notice kind="info">
          <Icon name="phone-outgoing" size={16} />
          <span>
            <strong>Calling your phone{userPhone ? ` ${formatPhone(userPhone)}` : ''}…</strong> Answer it and we connect you to {name}.
          </span>
        </Notice>
        {/* Once the carrier has the call, its entry in the timeline follows it too: the note may go. */}
        {pending ? null : dismiss}
      </div>
    );
  if (!call) return null;
  const outcome = callOutcome(call);
  if (outcome.tone === 'active')
    return (
      <div className="conversation-call-banner" data-testid="call-status" aria-live="polite">
        <Notice kind="info">
          <Icon name="phone" size={16} />
          <span>{call.answered ? <strong>On the call with {name}.</strong> : <strong>Your phone answered. Ringing {name}…</strong>}</span>
        </Notice>
        {dismiss}
      </div>
    );
  return (
    <div className="conversation-call-banner" data-testid="call-status" aria-live="polite">
      <Notice kind={outcome.tone === 'completed' ? 'success' : 'warning'}>
        <span>
          Call ended: <strong>{outcome.label}</strong>
          {call.durationSeconds ? ` · ${formatDuration(call.durationSeconds)}` : ''}
          {reasonBeyond(outcome.label, call.outcomeReason) ? ` (${call.outcomeReason})` : ''}
        </span>
      </Notice>
      {dismiss}
    </div>
  );
}
