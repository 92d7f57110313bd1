import type { CallRecordingView, CallView } from '@conversations/contracts';
import { CALL_STATUSES } from '@conversations/contracts';
import { boolean, dateTime, integer, nullable, objectOf, page, ref, string } from './schema-builders';
import type { Schema } from './schema-builders';

/** OpenAPI schemas of the calls and timeline views, checked against their contracts interfaces at compile time. */

const recording = objectOf<CallRecordingView>({
  durationSeconds: integer(),
  url: string('GET it with the access token (Range supported), or ask /calls/{id}/recording/link for an <audio> element'),
});

const call = objectOf<CallView>({
  id: string(),
  contactId: string(),
  contact: { type: 'object', properties: { fullName: string(), phone: nullable(string('E.164')) }, required: ['fullName', 'phone'] },
  direction: string(undefined, { enum: ['inbound', 'outbound'] }),
  from: string('E.164'),
  to: string('E.164'),
  status: string('initiated → ringing → in-progress → completed | busy | no-answer | failed | canceled (final statuses never change)', {
    enum: [...CALL_STATUSES],
  }),
  answered: boolean('the contact picked up (outbound) or a person took the call (inbound)'),
  durationSeconds: nullable(integer('seconds of talk; null until the call ended')),
  recording: nullable({ ...recording }),
  userId: nullable(string('who placed it (outbound) or who it rang (inbound)')),
  outcomeReason: nullable(string('why the call did not connect, in plain words')),
  rejected: boolean('inbound call refused: the contact has DND inbound calls (F32)'),
  providerCallId: nullable(string('the carrier’s call id')),
  startedAt: dateTime(),
  answeredAt: nullable(dateTime()),
  endedAt: nullable(dateTime()),
  updatedAt: dateTime(),
});

const timelineItem: Schema = {
  type: 'object',
  description: 'a message or a call; `at` is the UTC instant the timeline is ordered by',
  properties: {
    kind: string(undefined, { enum: ['message', 'call'] }),
    id: string(),
    at: dateTime(),
    message: ref('MessageView'),
    call: ref('CallView'),
  },
  required: ['kind', 'id', 'at'],
};

export const CALLS_VIEW_SCHEMAS: Record<string, Schema> = {
  CallView: call,
  CallPage: page('CallView'),
  TimelineItem: timelineItem,
  TimelinePage: {
    ...page('TimelineItem'),
    properties: {
      items: { type: 'array', items: ref('TimelineItem') },
      nextCursor: nullable(string('pass as `before` for older items; null at the start of the history')),
    },
  },
  RecordingLink: objectOf<{ url: string; expiresAt: string }>({
    url: string('gateway path that plays the recording'),
    expiresAt: dateTime(),
  }),
};
