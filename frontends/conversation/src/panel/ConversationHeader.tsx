import type { ContactView } from '@conversations/contracts';
import { panelBus } from '@conversations/panel-bus';
import { Avatar, Icon, contactLabel, formatPhone, usePanelProps } from '@conversations/ui';
import { useEffect, useRef, useState } from 'react';
import { CallButton, CallProgress, useClickToCall } from './click-to-call';

/** F12, F13: avatar initial and name (a link to the details), Call, details, menu (Edit), close. */
export function ConversationHeader({ contact }: { contact: ContactView }) {
  const { layout } = usePanelProps();
  const [menuOpen, setMenuOpen] = useState(false);
  const menuRef = useRef<HTMLDivElement>(null);
  const openDetails = () => panelBus().publish('open-details', { contactId: contact.id });
  const calling = useClickToCall(contact);

  useEffect(() => {
    if (!menuOpen) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !menuRef.current?.contains(event.target as Node)) setMenuOpen(false);
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [menuOpen]);

  return (
    <>
      <header className="cv-panel-header conversation-header">
        {layout === 'narrow' ? (
          <button
            type="button"
            className="cv-icon-button"
            aria-label="Back to list"
            onClick={() => panelBus().publish('close-panel', { panel: 'conversation' })}
          >
            <Icon name="arrow-left" />
          </button>
        ) : null}
        <Avatar name={contact.fullName} />
        <div className="conversation-title">
          <button type="button" className="cv-link conversation-name" onClick={openDetails} data-testid="conversation-name">
            {contactLabel(contact)}
          </button>
          <span className="conversation-phone">{formatPhone(contact.phone)}</span>
        </div>
        <div className="conversation-actions">
          <CallButton contact={contact} state={calling} />
          <button type="button" className="cv-icon-button" aria-label="Contact details" title="Contact details" onClick={openDetails}>
            <Icon name="info" />
          </button>
          <div className="conversation-menu" ref={menuRef}>
            <button
              type="button"
              className="cv-icon-button"
              aria-label="More actions"
              aria-haspopup="menu"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(!menuOpen)}
            >
              <Icon name="more" />
            </button>
            {menuOpen ? (
              <div role="menu" className="conversation-menu-list">
                <button
                  type="button"
                  role="menuitem"
                  autoFocus
                  onClick={() => {
                    setMenuOpen(false);
                    openDetails();
                  }}
                >
                  <Icon name="edit" size={16} /> Edit
                </button>
              </div>
            ) : null}
          </div>
          {layout === 'narrow' ? (
            <button
              type="button"
              className="cv-icon-button"
              aria-label="Close"
              onClick={() => panelBus().publish('close-panel', { panel: 'conversation' })}
            >
              <Icon name="close" />
            </button>
          ) : null}
        </div>
      </header>
      <CallProgress contact={contact} state={calling} />
    </>
  );
}
