import { messageOf } from '@conversations/api-client';
import type { MessageStatus } from '@conversations/contracts';
import { Icon } from '@conversations/ui';
import { useId, useState } from 'react';
import { ScheduledMessageActions } from './ScheduledMessageActions';
import { canceledLabel, type ScheduleContext } from './schedule-rules';
import { timeOfChange, timeOfDay } from './timeline';
import type { TimelineMessage } from './timeline-items';
import { useRetryMessage } from './use-retry-message';

const STATUS_LABELS: Record<MessageStatus, string> = {
  scheduled: 'Scheduled',
  queued: 'Queued',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Not delivered',
  failed: 'Failed',
  received: 'Received',
  canceled: 'Canceled',
};

/**
 * F15, F16, F40: a message of the timeline, with its delivery state; an outgoing one also has its status
 * trail on demand and, when it failed, Retry. F38: a scheduled one says when it goes, with Edit and Cancel;
 * a canceled one says why it did not go; once it went it is an outgoing message like any other.
 */
export function MessageEntry({
  message,
  timeZone,
  scheduleContext,
}: {
  message: TimelineMessage;
  timeZone: string;
  scheduleContext: ScheduleContext;
}) {
  const outgoing = message.direction === 'outbound';
  const failed = message.status === 'failed' || message.status === 'undelivered';
  const scheduled = message.status === 'scheduled';
  const canceled = message.status === 'canceled';
  const settled = outgoing && !message.pending;
  const [trailShown, setTrailShown] = useState(false);
  const trailId = useId();
  return (
    <div
      className={`conversation-message conversation-message--${outgoing ? 'out' : 'in'}${
        scheduled ? ' conversation-message--scheduled' : canceled ? ' conversation-message--canceled' : ''
      }`}
      data-status={message.status}
      data-testid="message"
      data-message-id={message.id}
    >
      <div className={`conversation-bubble${failed ? ' conversation-bubble--failed' : ''}`}>{message.body}</div>
      <div className="conversation-meta">
        <span>{outgoing ? 'Outgoing' : 'Incoming'}</span>
        <span aria-hidden="true">·</span>
        <span className="conversation-channel">
          {message.channel === 'whatsapp' ? 'WhatsApp' : message.channel === 'imessage' ? 'iMessage' : 'SMS'}
        </span>
        <span aria-hidden="true">·</span>
        <time dateTime={message.createdAt}>{timeOfDay(message.createdAt, timeZone)}</time>
        {outgoing ? <DeliveryStatus message={message} /> : null}
        {settled && message.statusTrail.length ? (
          <button
            type="button"
            className="cv-link conversation-details-toggle"
            aria-expanded={trailShown}
            aria-controls={trailShown ? trailId : undefined}
            onClick={() => setTrailShown((shown) => !shown)}
          >
            Details
          </button>
        ) : null}
      </div>
      {failed ? (
        <div className="conversation-failure" role="alert">
          Not delivered{message.failureReason ? `: ${message.failureReason}` : ''}
        </div>
      ) : null}
      {failed && settled ? <RetryMessage message={message} /> : null}
      {scheduled && message.schedule ? (
        <ScheduledMessageActions message={message} schedule={message.schedule} context={scheduleContext} />
      ) : null}
      {canceled ? (
        <div className="conversation-canceled" data-testid="message-canceled">
          {canceledLabel(message.schedule?.cancelReason)}
        </div>
      ) : null}
      {trailShown ? <StatusTrail id={trailId} message={message} timeZone={timeZone} /> : null}
    </div>
  );
}

/** F40: Retry, off while it runs; a refusal (say the message already went, or the contact opted out) in the server's words. */
function RetryMessage({ message }: { message: TimelineMessage }) {
  const { retry, isRunning, error } = useRetryMessage(message);
  return (
    <div className="conversation-retry">
      <button type="button" className="cv-button cv-button--small" disabled={isRunning} onClick={retry}>
        {isRunning ? 'Retrying…' : 'Retry'}
      </button>
      {error ? (
        <span className="conversation-retry-error" role="alert">
          {messageOf(error)}
        </span>
      ) : null}
    </div>
  );
}

/** F40: every status the message went through, when, and why it failed in the carrier's reason put plainly. */
function StatusTrail({ id, message, timeZone }: { id: string; message: TimelineMessage; timeZone: string }) {
  return (
    <ol id={id} className="conversation-trail" aria-label="Status history">
      {/* The trail only grows at its end, so a position is a stable key. */}
      {message.statusTrail.map((change, index) => (
        <li key={index} data-status={change.status}>
          <span className="conversation-trail-status">{STATUS_LABELS[change.status]}</span>
          <time dateTime={change.at}>{timeOfChange(change.at, message.createdAt, timeZone)}</time>
          {change.reason ? <span>{change.reason}</span> : null}
        </li>
      ))}
    </ol>
  );
}

function DeliveryStatus({ message }: { message: TimelineMessage }) {
  if (message.pending)
    return (
      <span className="conversation-status" title="Sending">
        <Icon name="clock" size={13} title="Sending" />
      </span>
    );
  switch (message.status) {
    case 'delivered':
      return (
        <span className="conversation-status conversation-status--delivered">
          <Icon name="check-double" size={14} title="Delivered" />
        </span>
      );
    case 'sent':
      return (
        <span className="conversation-status">
          <Icon name="check" size={14} title="Sent" />
        </span>
      );
    case 'scheduled':
      return (
        <span className="conversation-status">
          <Icon name="clock" size={13} title="Scheduled" />
        </span>
      );
    case 'canceled':
      return (
        <span className="conversation-status">
          <Icon name="close" size={13} title="Canceled" />
        </span>
      );
    case 'queued':
      return (
        <span className="conversation-status">
          <Icon name="clock" size={13} title="Queued" />
        </span>
      );
    case 'failed':
    case 'undelivered':
      return (
        <span className="conversation-status conversation-status--failed">
          <Icon name="alert" size={14} title="Failed" />
        </span>
      );
    default:
      return null;
  }
}
