import type { TeamRole } from '@conversations/contracts';
import type { PanelProps } from '@conversations/panel-bus';
import { Icon, PanelRoot } from '@conversations/ui';
import { useEffect, useRef, useState } from 'react';
import { AdminsOnly } from './AdminsOnly';
import { EndpointDetail } from './EndpointDetail';
import { EndpointList } from './EndpointList';
import { endpointIdOfPath, pathOfEndpoint } from './routing';
import './settings.css';

/**
 * Settings → Webhooks (F33, #18), in place of the panels: the endpoint list at /settings/webhooks, one
 * endpoint at /settings/webhooks/:id (pushState, Back and Forward like the contact routes). Admins only:
 * an agent who opens the address gets the reason, not a form the API would refuse.
 */
export function SettingsPage({ props, role, onBack }: { props: PanelProps; role: TeamRole; onBack: () => void }) {
  const [endpointId, setEndpointId] = useState(() => endpointIdOfPath(location.pathname));
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    const onPopState = () => setEndpointId(endpointIdOfPath(location.pathname));
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);
  // A new view: focus its top, so a screen reader starts there and Tab goes on from it.
  useEffect(() => heading.current?.focus(), [endpointId]);
  const open = (next: string | null) => {
    if (location.pathname !== pathOfEndpoint(next)) history.pushState(null, '', pathOfEndpoint(next));
    setEndpointId(next);
  };

  return (
    <PanelRoot props={props} name="settings">
      <div className="settings-page" data-layout={props.layout}>
        <header className="cv-panel-header settings-header">
          <button type="button" className="cv-button cv-button--small" onClick={onBack}>
            <Icon name="arrow-left" size={16} />
            Back to inbox
          </button>
          <h1 ref={heading} className="cv-panel-title" tabIndex={-1}>
            Settings <span aria-hidden="true">·</span> Webhooks
          </h1>
        </header>
        <main className="cv-scroll settings-scroll">
          <div className="settings-content">
            {role !== 'admin' ? (
              <AdminsOnly />
            ) : endpointId ? (
              <EndpointDetail key={endpointId} endpointId={endpointId} onBack={() => open(null)} />
            ) : (
              <EndpointList onOpen={open} />
            )}
          </div>
        </main>
      </div>
    </PanelRoot>
  );
}
