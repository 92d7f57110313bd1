import { messageOf, type ScheduledMessageChanges } from '@conversations/api-client';
import type { MessageScheduleView } from '@conversations/contracts';
import { Icon } from '@conversations/ui';
import { useId, useState } from 'react';
import { scheduledForLabel, type ScheduleContext } from './schedule-rules';
import { ScheduleDialog, type ScheduleChoice } from './ScheduleDialog';
import type { TimelineMessage } from './timeline-items';
import { useScheduledMessage } from './use-scheduled-message';

/**
 * F38: under a scheduled message: when it goes ("Scheduled for Tue 9:00 AM (contact time)"), Edit (text
 * and time, in the Send later dialog) and Cancel, which asks first.
 */
export function ScheduledMessageActions({
  message,
  schedule,
  context,
}: {
  message: TimelineMessage;
  schedule: MessageScheduleView;
  context: ScheduleContext;
}) {
  const { update, cancel } = useScheduledMessage(message);
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const confirmId = useId();

  const save = (choice: ScheduleChoice) => {
    const changes: ScheduledMessageChanges = {};
    if (choice.body !== message.body) changes.body = choice.body;
    if (choice.scheduledAt) changes.scheduledAt = choice.scheduledAt;
    if (choice.cancelIfReplied !== schedule.cancelIfReplied) changes.cancelIfReplied = choice.cancelIfReplied;
    if (!Object.keys(changes).length) return setEditing(false);
    update.reset();
    update.mutate(changes, { onSuccess: () => setEditing(false) });
  };
  const startEdit = () => {
    update.reset();
    setConfirming(false);
    setEditing(true);
  };

  return (
    <div className="conversation-schedule" data-testid="message-schedule">
      <span className="conversation-schedule-label" data-testid="message-schedule-label">
        <Icon name="clock" size={13} />
        {scheduledForLabel(new Date(schedule.scheduledAt), context)}
      </span>
      {schedule.cancelIfReplied ? <span className="conversation-schedule-note">Canceled if they reply first</span> : null}
      {message.pending ? null : (
        <div className="conversation-schedule-actions">
          <button type="button" className="cv-button cv-button--small" onClick={startEdit} disabled={cancel.isPending}>
            <Icon name="edit" size={13} /> Edit
          </button>
          <button
            type="button"
            className="cv-button cv-button--small"
            aria-expanded={confirming}
            aria-controls={confirming ? confirmId : undefined}
            onClick={() => {
              cancel.reset();
              setConfirming((shown) => !shown);
            }}
            disabled={cancel.isPending}
          >
            Cancel
          </button>
        </div>
      )}
      {confirming ? (
        <div id={confirmId} className="conversation-schedule-confirm" role="group" aria-label="Cancel the scheduled message">
          <span className="conversation-schedule-question">Cancel this message? It will not be sent.</span>
          <button
            type="button"
            className="cv-button cv-button--small conversation-cancel-confirm"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            {cancel.isPending ? 'Canceling…' : 'Cancel message'}
          </button>
          <button type="button" className="cv-button cv-button--small" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </div>
      ) : null}
      {cancel.error ? (
        <span className="conversation-retry-error" role="alert">
          Not canceled: {messageOf(cancel.error)}
        </span>
      ) : null}
      {editing ? (
        <ScheduleDialog
          title="Edit scheduled message"
          submitLabel="Save"
          refusedPrefix="Not saved"
          context={context}
          initial={{ scheduledAt: schedule.scheduledAt, cancelIfReplied: schedule.cancelIfReplied, body: message.body }}
          editsBody
          pending={update.isPending}
          error={update.error}
          onSubmit={save}
          onClose={() => setEditing(false)}
        />
      ) : null}
    </div>
  );
}
