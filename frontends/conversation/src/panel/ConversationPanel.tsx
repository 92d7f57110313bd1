import { ApiError } from '@conversations/api-client';
import type { PanelProps } from '@conversations/panel-bus';
import {
  EmptyState,
  PanelRoot,
  QueryError,
  SkeletonRows,
  contactIdOf,
  contactLabel,
  queryKeys,
  useContact,
  useLiveEvents,
  useMe,
  usePanelProps,
  useReloadContactWhenUpdated,
} from '@conversations/ui';
import { useQueryClient } from '@tanstack/react-query';
import { Composer } from './Composer';
import './conversation.css';
import { ConversationHeader } from './ConversationHeader';
import { contactTimeZoneOf, type ScheduleContext } from './schedule-rules';
import { Timeline } from './Timeline';
import { callEntry, messageEntry, upsertEntry, type TimelinePages } from './timeline-items';

/** The centre panel: the selected contact, their timeline and the composer (F12–F24). */
export default function ConversationPanel(props: PanelProps) {
  return (
    <PanelRoot props={props} name="conversation">
      <Conversation />
    </PanelRoot>
  );
}

function Conversation() {
  const { contactId } = usePanelProps();
  if (!contactId)
    return (
      <EmptyState title="No conversation open">
        Choose a contact from Contacts, Chat or Calls to see their messages and send new ones.
      </EmptyState>
    );
  return <ContactConversation key={contactId} contactId={contactId} />;
}

function ContactConversation({ contactId }: { contactId: string }) {
  const queryClient = useQueryClient();
  const contact = useContact(contactId);
  const me = useMe();

  useLiveEvents((event) => {
    if (contactIdOf(event) !== contactId) return;
    // F14, F16, F17: a new or changed message or call updates its entry in place, no refetch.
    if (
      event.type === 'evt.messaging.message-created' ||
      event.type === 'evt.messaging.message-status-changed' ||
      // F38: a scheduled message, a change of its text or time, its cancellation.
      event.type === 'evt.messaging.message-scheduled' ||
      event.type === 'evt.messaging.message-updated' ||
      event.type === 'evt.messaging.message-canceled'
    ) {
      const { message } = event.data;
      if (message)
        queryClient.setQueryData<TimelinePages>(queryKeys.timeline(contactId), (data) => upsertEntry(data, messageEntry(message)));
    }
    if (event.type === 'evt.calls.created' || event.type === 'evt.calls.updated') {
      const { call } = event.data;
      if (call) queryClient.setQueryData<TimelinePages>(queryKeys.timeline(contactId), (data) => upsertEntry(data, callEntry(call)));
    }
    if (event.type.startsWith('evt.contacts.') && !event.type.includes('note'))
      void queryClient.invalidateQueries({ queryKey: queryKeys.contact(contactId) });
  });
  useReloadContactWhenUpdated(contactId);

  if (contact.isPending)
    return (
      <>
        <div className="cv-panel-header" />
        <SkeletonRows count={5} />
      </>
    );
  if (contact.isError)
    return (
      <div style={{ padding: 16 }}>
        <QueryError query={contact}>
          {contact.error instanceof ApiError && contact.error.status === 404
            ? 'Contact not found: it may have been deleted, or the link is wrong.'
            : undefined}
        </QueryError>
      </div>
    );
  const timeZone = me.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  // F38: scheduled times are the contact's local time; the user's own zone when the contact has none.
  const scheduleContext: ScheduleContext = {
    contactName: contact.data.firstName || contactLabel(contact.data),
    contactTimeZone: contactTimeZoneOf(contact.data.timeZone),
    userTimeZone: timeZone,
  };
  return (
    <>
      <ConversationHeader contact={contact.data} />
      <Timeline contactId={contactId} timeZone={timeZone} scheduleContext={scheduleContext} />
      <Composer contact={contact.data} scheduleContext={scheduleContext} />
    </>
  );
}
