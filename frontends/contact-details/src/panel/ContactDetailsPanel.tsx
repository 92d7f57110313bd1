import { ApiError } from '@conversations/api-client';
import { panelBus, type PanelProps } from '@conversations/panel-bus';
import {
  EmptyState,
  Icon,
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
import { AppointmentsSection } from './AppointmentsSection';
import { ContactInfoSection } from './ContactInfoSection';
import './contact-details.css';
import { DispositionsSection } from './DispositionsSection';
import { DndSection } from './DndSection';
import { NotesSection } from './NotesSection';
import { SmsSettingSection } from './SmsSettingSection';
import { TagsSection } from './TagsSection';

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
        {/* On a phone the panel is the whole screen: say whose details these are. */}
        {layout === 'narrow' && contactId ? <NamedTitle contactId={contactId} /> : <h2 className="cv-panel-title">Contact details</h2>}
      </header>
      {contactId ? (
        <Details key={contactId} contactId={contactId} />
      ) : (
        <EmptyState title="No contact selected">Choose a contact on the left to see their details.</EmptyState>
      )}
    </>
  );
}

function NamedTitle({ contactId }: { contactId: string }) {
  const contact = useContact(contactId);
  return (
    <h2 className="cv-panel-title">
      {contact.data ? (
        <>
          <span className="cv-visually-hidden">Contact details: </span>
          {contactLabel(contact.data)}
        </>
      ) : (
        'Contact details'
      )}
    </h2>
  );
}

function Details({ contactId }: { contactId: string }) {
  const queryClient = useQueryClient();
  const contact = useContact(contactId);
  const me = useMe();

  // Changes made elsewhere (another panel, another user, a workflow) show up live.
  useLiveEvents((event) => {
    if (contactIdOf(event) !== contactId) return;
    if (event.type.startsWith('evt.contacts.note')) void queryClient.invalidateQueries({ queryKey: queryKeys.notes(contactId) });
    else if (event.type.startsWith('evt.contacts.')) void queryClient.invalidateQueries({ queryKey: queryKeys.contact(contactId) });
    if (event.type.startsWith('evt.appointments.')) void queryClient.invalidateQueries({ queryKey: queryKeys.appointments(contactId) });
  });
  useReloadContactWhenUpdated(contactId);

  if (contact.isPending) return <SkeletonRows count={8} height={48} />;
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
