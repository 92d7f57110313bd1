import { ApiError, fieldError, messageOf } from '@conversations/api-client';
import { Icon, Notice } from '@conversations/ui';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  inOneHour,
  latestScheduleFrom,
  scheduleSummary,
  scheduleTimeProblem,
  tomorrowAtNine,
  type ScheduleContext,
} from './schedule-rules';
import { instantOfWallClock, isoInZone, wallClockAt, type WallClock } from './zoned-time';

/** What the dialog hands back: the time as the API takes it (null: left as it was), and the rest. */
export interface ScheduleChoice {
  scheduledAt: string | null;
  cancelIfReplied: boolean;
  body: string;
}

export interface ScheduleDialogProps {
  title: string;
  submitLabel: string;
  /** "Not scheduled" / "Not saved": what a refusal of the server begins with. */
  refusedPrefix: string;
  context: ScheduleContext;
  initial: { scheduledAt: string | null; cancelIfReplied: boolean; body: string };
  /** Edit (F38: text and time): the text is a field of the dialog; a new message's text is the composer's. */
  editsBody: boolean;
  pending: boolean;
  /** The server's refusal of the last attempt: its field errors go beside the fields. */
  error: unknown;
  /** A refusal of the composer's own rules (DND, From), as Send shows it. */
  refusal?: string | null;
  onSubmit: (choice: ScheduleChoice) => void;
  onClose: () => void;
}

const SERVER_FIELDS = ['scheduledAt', 'body', 'cancelIfReplied'];

/**
 * F38: Send later / Edit of a scheduled message. Date and time are the contact's (their time zone; the
 * user's when they have none), and the same moment shows in the user's time under them. Quick picks, the
 * cancel-if-they-reply option, and the time checked before anything is sent.
 */
export function ScheduleDialog({
  title,
  submitLabel,
  refusedPrefix,
  context,
  initial,
  editsBody,
  pending,
  error,
  refusal,
  onSubmit,
  onClose,
}: ScheduleDialogProps) {
  const zone = context.contactTimeZone ?? context.userTimeZone;
  const dialog = useRef<HTMLDialogElement>(null);
  const [initialWallClock] = useState<WallClock>(() =>
    initial.scheduledAt ? wallClockAt(new Date(initial.scheduledAt), zone) : tomorrowAtNine(new Date(), zone),
  );
  const [when, setWhen] = useState<WallClock>(initialWallClock);
  const [cancelIfReplied, setCancelIfReplied] = useState(initial.cancelIfReplied);
  const [body, setBody] = useState(initial.body);
  const [attempted, setAttempted] = useState(false);
  const ids = { title: useId(), when: useId(), whenError: useId(), summary: useId(), bodyError: useId(), replyError: useId() };

  useEffect(() => {
    // Focus goes back where it was (Send later, or the message's Edit) when the dialog goes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    element?.showModal();
    return () => {
      if (element?.open) element.close();
      opener?.focus();
    };
  }, []);

  const instant = instantOfWallClock(when, zone);
  // An edit that leaves the time as it was keeps it, even if it is now less than a minute away.
  const timeKept = !!initial.scheduledAt && when.date === initialWallClock.date && when.time === initialWallClock.time;
  const now = new Date();
  const timeProblem = timeKept ? null : scheduleTimeProblem(instant, now);
  const bodyProblem = editsBody && !body.trim() ? 'Type a message first.' : null;
  const serverError = error instanceof ApiError ? error : error ? new ApiError(0, 'UNKNOWN', messageOf(error)) : null;
  const whenError = (attempted ? timeProblem : null) ?? fieldError(serverError, 'scheduledAt');
  const bodyError = (attempted ? bodyProblem : null) ?? fieldError(serverError, 'body');
  const replyError = fieldError(serverError, 'cancelIfReplied');
  const generalError = serverError && !SERVER_FIELDS.some((field) => fieldError(serverError, field)) ? serverError : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAttempted(true);
    if (timeProblem || bodyProblem || pending) return;
    onSubmit({ scheduledAt: timeKept || !instant ? null : isoInZone(instant, zone), cancelIfReplied, body });
  };
  const pick = (next: WallClock) => setWhen(next);
  const today = wallClockAt(now, zone).date;
  const lastDay = wallClockAt(latestScheduleFrom(now), zone).date;
  const zoneLabel = context.contactTimeZone ? `${context.contactName}’s time, ${zone}` : `your time, ${zone}`;

  return (
    <dialog
      ref={dialog}
      className="cv-dialog conversation-schedule-dialog"
      aria-labelledby={ids.title}
      onClose={onClose}
      data-testid="schedule-dialog"
    >
      <form onSubmit={submit} noValidate>
        <h2 id={ids.title}>{title}</h2>
        {editsBody ? (
          <label className="cv-field">
            <span>Message</span>
            <textarea
              className="cv-textarea"
              rows={3}
              value={body}
              onChange={(event) => setBody(event.target.value)}
              aria-invalid={bodyError ? true : undefined}
              aria-describedby={bodyError ? ids.bodyError : undefined}
            />
            {bodyError ? (
              <small id={ids.bodyError} className="cv-field-error">
                {bodyError}
              </small>
            ) : null}
          </label>
        ) : null}
        <div className="conversation-schedule-picks" role="group" aria-label="Quick picks">
          <button type="button" className="cv-button cv-button--small" onClick={() => pick(inOneHour(new Date(), zone))}>
            In 1 hour
          </button>
          <button type="button" className="cv-button cv-button--small" onClick={() => pick(tomorrowAtNine(new Date(), zone))}>
            Tomorrow 9:00 AM {context.contactTimeZone ? '(contact’s time)' : '(your time)'}
          </button>
        </div>
        <fieldset className="conversation-schedule-when" aria-describedby={`${ids.summary}${whenError ? ` ${ids.whenError}` : ''}`}>
          <legend>When ({zoneLabel})</legend>
          <div className="conversation-schedule-inputs">
            <label className="cv-field">
              <span>Date</span>
              <input
                type="date"
                className="cv-input"
                name="schedule-date"
                value={when.date}
                min={today}
                max={lastDay}
                required
                aria-invalid={whenError ? true : undefined}
                onChange={(event) => setWhen({ ...when, date: event.target.value })}
              />
            </label>
            <label className="cv-field">
              <span>Time</span>
              <input
                type="time"
                className="cv-input"
                name="schedule-time"
                value={when.time}
                required
                aria-invalid={whenError ? true : undefined}
                onChange={(event) => setWhen({ ...when, time: event.target.value })}
              />
            </label>
          </div>
          <p id={ids.summary} className="conversation-schedule-summary" aria-live="polite" data-testid="schedule-summary">
            {instant ? (
              <>
                <Icon name="clock" size={14} /> {scheduleSummary(instant, context)}
              </>
            ) : null}
          </p>
          {whenError ? (
            <small id={ids.whenError} className="cv-field-error" role="alert">
              {whenError}
            </small>
          ) : null}
        </fieldset>
        <label className="conversation-schedule-reply">
          <input
            type="checkbox"
            name="cancel-if-replied"
            checked={cancelIfReplied}
            aria-describedby={replyError ? ids.replyError : undefined}
            onChange={(event) => setCancelIfReplied(event.target.checked)}
          />
          Cancel if they reply first
        </label>
        {replyError ? (
          <small id={ids.replyError} className="cv-field-error">
            {replyError}
          </small>
        ) : null}
        {refusal ? <Notice kind="warning">{refusal}</Notice> : null}
        {generalError ? (
          <Notice kind="error">
            {generalError.isUnavailable
              ? 'Messaging is unavailable right now; nothing was changed. Try again later.'
              : `${refusedPrefix}: ${generalError.message}`}
          </Notice>
        ) : null}
        <div className="cv-dialog-actions">
          <button type="button" className="cv-button" onClick={() => dialog.current?.close()}>
            Close
          </button>
          <button type="submit" className="cv-button cv-button--primary" disabled={pending}>
            {pending ? 'Saving…' : submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
