import { ApiError, messageOf } from '@conversations/api-client';
import { panelBus, type PanelProps } from '@conversations/panel-bus';
import { EmptyState, Icon, Notice, PanelRoot, SkeletonRows, contactIdOf, useApi, useLiveEvents, usePanelProps } from '@conversations/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { AppointmentsSection } from './AppointmentsSection';
import { ContactInfoSection } from './ContactInfoSection';
import './contact-details.css';
import { DispositionsSection } from './DispositionsSection';
import { DndSection } from './DndSection';
import { NotesSection } from './NotesSection';
import { SmsSettingSection } from './SmsSettingSection';
import { TagsSection } from './TagsSection';
import { contactKey, useContact } from './use-contact';

/** The right panel: the selected contact's details in collapsible sections (F26–F33). */
export default function ContactDetailsPanel(props: PanelProps) {
  return (
    <PanelRoot props={props} name="contact-details">
      <ContactDetails />
    </PanelRoot>
  );
}

function ContactDetails() {
  const { contactId, layout } = usePanelProps();
  return (
    <>
      <header className="cv-panel-header">
        {layout === 'narrow' ? (
          <button
            type="button"
            className="cv-icon-button"
            aria-label="Back to conversation"
            onClick={() => panelBus().publish('close-panel', { panel: 'contact-details' })}
          >
            <Icon name="arrow-left" />
          </button>
        ) : null}
        <h2 className="cv-panel-title">Contact details</h2>
      </header>
      {contactId ? (
        <Details key={contactId} contactId={contactId} />
      ) : (
        <EmptyState title="No contact selected">Choose a contact on the left to see their details.</EmptyState>
      )}
    </>
  );
}

function Details({ contactId }: { contactId: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const contact = useContact(contactId);
  const me = useQuery({ queryKey: ['me'], queryFn: () => api.me(), staleTime: Infinity });

  // Changes made elsewhere (another panel, another user, a workflow) show up live.
  useLiveEvents((event) => {
    if (contactIdOf(event) !== contactId) return;
    if (event.type.startsWith('evt.contacts.note')) void queryClient.invalidateQueries({ queryKey: ['notes', contactId] });
    else if (event.type.startsWith('evt.contacts.')) void queryClient.invalidateQueries({ queryKey: contactKey(contactId) });
    if (event.type.startsWith('evt.appointments.')) void queryClient.invalidateQueries({ queryKey: ['appointments', contactId] });
  });
  useEffect(
    () =>
      panelBus().subscribe('contact-updated', (message) => {
        if (message.contactId === contactId) void queryClient.invalidateQueries({ queryKey: contactKey(contactId) });
      }),
    [contactId, queryClient],
  );

  if (contact.isPending) return <SkeletonRows count={8} height={48} />;
  if (contact.isError)
    return (
      <div style={{ padding: 16 }}>
        <Notice kind="error">
          {contact.error instanceof ApiError && contact.error.status === 404 ? 'This contact no longer exists.' : messageOf(contact.error)}
        </Notice>
      </div>
    );
  return (
    <div className="cv-scroll" data-testid="contact-details">
      <ContactInfoSection contact={contact.data} />
      <DispositionsSection contact={contact.data} />
      <TagsSection contact={contact.data} />
      <NotesSection contactId={contactId} timeZone={me.data?.timeZone} />
      <AppointmentsSection contactId={contactId} />
      <SmsSettingSection contact={contact.data} />
      <DndSection contact={contact.data} />
    </div>
  );
}
