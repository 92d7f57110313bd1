import { ApiError, messageOf } from '@conversations/api-client';
import { panelBus, type PanelProps } from '@conversations/panel-bus';
import { EmptyState, Notice, PanelRoot, SkeletonRows, contactIdOf, useApi, useLiveEvents, usePanelProps } from '@conversations/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Composer } from './Composer';
import './conversation.css';
import { ConversationHeader } from './ConversationHeader';
import { contactKey } from './keys';
import { Timeline } from './Timeline';
import { callEntry, messageEntry, timelineKey, upsertEntry, type TimelinePages } from './timeline-items';

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
  const api = useApi();
  const queryClient = useQueryClient();
  const contact = useQuery({ queryKey: contactKey(contactId), queryFn: () => api.getContact(contactId) });
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.me(), staleTime: Infinity });

  useLiveEvents((event) => {
    if (contactIdOf(event) !== contactId) return;
    // F14, F16, F17: a new or changed message or call updates its entry in place, no refetch.
    if (event.type === 'evt.messaging.message-created' || event.type === 'evt.messaging.message-status-changed') {
      const { message } = event.data;
      if (message) queryClient.setQueryData<TimelinePages>(timelineKey(contactId), (data) => upsertEntry(data, messageEntry(message)));
    }
    if (event.type === 'evt.calls.created' || event.type === 'evt.calls.updated') {
      const { call } = event.data;
      if (call) queryClient.setQueryData<TimelinePages>(timelineKey(contactId), (data) => upsertEntry(data, callEntry(call)));
    }
    if (event.type.startsWith('evt.contacts.') && !event.type.includes('note'))
      void queryClient.invalidateQueries({ queryKey: contactKey(contactId) });
  });
  useEffect(
    () =>
      panelBus().subscribe('contact-updated', (message) => {
        if (message.contactId === contactId) void queryClient.invalidateQueries({ queryKey: contactKey(contactId) });
      }),
    [contactId, queryClient],
  );

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
        <Notice kind="error">
          {contact.error instanceof ApiError && contact.error.status === 404 ? 'This contact no longer exists.' : messageOf(contact.error)}
        </Notice>
      </div>
    );
  const timeZone = me.data?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <>
      <ConversationHeader contact={contact.data} />
      <Timeline contactId={contactId} timeZone={timeZone} />
      <Composer contact={contact.data} />
    </>
  );
}
