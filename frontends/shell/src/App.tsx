import { panelBus, type PanelProps } from '@conversations/panel-bus';
import { createPanelQueryClient, prefetchContactList } from '@conversations/ui';
import { Fragment, lazy, Suspense, useEffect, useMemo, useState, type CSSProperties } from 'react';
import { useWideLayout, type PanelView } from './layout';
import { PanelSeparator } from './PanelSeparator';
import { RemotePanel } from './RemotePanel';
import { contactIdOfPath, pathOfContact } from './routing';
import type { RuntimeConfig } from './runtime-config';
import { isSettingsPath, WEBHOOKS_SETTINGS_PATH } from './settings/routing';
import { SettingsButton } from './settings/SettingsButton';
import { loadSession, saveSession, type DevSession, type Session } from './session';
import { SignIn, SigningIn } from './SignIn';
import { useProviderSignIn } from './use-provider-sign-in';
import { usePanelWidths } from './use-panel-widths';

// Settings (admins only) load when opened: the inbox's first paint does not wait for them.
const SettingsPage = lazy(() => import('./settings/SettingsPage').then((module) => ({ default: module.SettingsPage })));

export function App({ config }: { config: RuntimeConfig }) {
  const provider = useProviderSignIn(config);
  const [devSession, setDevSession] = useState<DevSession | null>(() => (config.devSignIn ? loadSession() : null));
  const signInLocally = (next: DevSession | null) => {
    saveSession(next);
    setDevSession(next);
  };
  // A local token lasts 12 hours: sign in again when it runs out rather than failing every request.
  useEffect(() => {
    if (!devSession) return;
    const timer = setTimeout(() => signInLocally(null), Math.max(0, Math.min(Date.parse(devSession.expiresAt) - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [devSession]);

  const session: Session | null = devSession ?? provider.session;
  if (session) {
    return (
      <Workspace
        key={`${session.kind} ${session.tenantId} ${session.user.id}`}
        config={config}
        session={session}
        onSwitchTenant={provider.switchTenant}
        onSignOut={() => (session.kind === 'dev' ? signInLocally(null) : provider.signOut())}
      />
    );
  }
  if (provider.state === 'restoring') return <SigningIn />;
  return (
    <SignIn
      config={config}
      onSignedIn={signInLocally}
      onProviderSignIn={provider.signIn}
      notice={provider.notice}
      noAccess={provider.state === 'no-access'}
    />
  );
}

function Workspace({
  config,
  session,
  onSignOut,
  onSwitchTenant,
}: {
  config: RuntimeConfig;
  session: Session;
  onSignOut: () => void;
  onSwitchTenant: (tenantId: string) => void;
}) {
  const wide = useWideLayout();
  const panelWidths = usePanelWidths(session.tenantId, session.user.id);
  const queryClient = useMemo(() => createPanelQueryClient(), []);
  // F5: the contact of the link the page opened with.
  const [linked] = useState(() => contactIdOfPath(location.pathname));
  const [contactId, setContactId] = useState<string | null>(linked);
  const [view, setView] = useState<PanelView>(linked ? 'conversation' : 'inbox');
  const [settingsOpen, setSettingsOpen] = useState(() => isSettingsPath(location.pathname));

  // The URL is the selected contact (F5): clicking a row pushes it, Back/Forward restore it.
  useEffect(() => {
    const bus = panelBus();
    const unsubscribe = [
      bus.subscribe('contact-selected', ({ contactId: selected }) => {
        if (location.pathname !== pathOfContact(selected)) history.pushState(null, '', pathOfContact(selected));
        setContactId(selected);
        setView('conversation');
      }),
      bus.subscribe('open-details', () => {
        setView('contact-details');
        document.getElementById('shell-panel-contact-details')?.focus({ preventScroll: false });
      }),
      bus.subscribe('close-panel', ({ panel }) => setView(panel === 'contact-details' ? 'conversation' : 'inbox')),
    ];
    const onPopState = () => {
      setSettingsOpen(isSettingsPath(location.pathname));
      if (isSettingsPath(location.pathname)) return;
      const selected = contactIdOfPath(location.pathname);
      setContactId(selected);
      setView(selected ? 'conversation' : 'inbox');
    };
    window.addEventListener('popstate', onPopState);
    return () => {
      unsubscribe.forEach((each) => each());
      window.removeEventListener('popstate', onPopState);
    };
  }, []);
  // The inbox's first rows are asked for now, while its code still loads (the cache is the panels' own).
  const connection = useMemo(
    () =>
      session.kind === 'dev'
        ? { apiBaseUrl: config.apiBaseUrl, token: session.token }
        : { apiBaseUrl: config.apiBaseUrl, getToken: session.getToken, tenantId: session.tenantId, userId: session.user.id },
    [config.apiBaseUrl, session],
  );
  useEffect(() => {
    void prefetchContactList(queryClient, connection, linked);
  }, [queryClient, connection, linked]);
  // Once, on load (`linked` never changes): tells panels that mount later which contact the link chose.
  useEffect(() => {
    if (linked) panelBus().publish('contact-selected', { contactId: linked });
  }, [linked]);

  const props: PanelProps = {
    ...connection,
    contactId,
    layout: wide ? 'wide' : 'narrow',
    queryClient,
  };
  // `separator`: in the wide layout, the line after the panel, and the side panel it sizes.
  const panels = [
    { view: 'inbox', name: 'inbox', label: 'inbox', separator: { resizes: 'inbox', label: 'Resize inbox' } },
    {
      view: 'conversation',
      name: 'conversation',
      label: 'conversation',
      separator: { resizes: 'contact-details', label: 'Resize contact details' },
    },
    { view: 'contact-details', name: 'contact_details', label: 'contact details', separator: null },
  ] as const;
  const columns = {
    '--shell-inbox-width': `${panelWidths.widths.inbox}px`,
    '--shell-details-width': `${panelWidths.widths['contact-details']}px`,
  } as CSSProperties;

  return (
    <div className="shell" data-layout={wide ? 'wide' : 'narrow'}>
      <header className="shell-topbar">
        <div className="shell-brand">
          <span className="shell-logo" aria-hidden="true">
            C
          </span>
          Conversations
        </div>
        <div className="shell-user">
          {wide && panelWidths.customised ? (
            <button type="button" className="cv-button cv-button--small" onClick={() => panelWidths.reset()}>
              Reset layout
            </button>
          ) : null}
          {session.kind === 'oidc' && session.tenants.length > 1 ? (
            <label className="shell-tenant">
              <span className="cv-visually-hidden">Account</span>
              <select className="cv-select" value={session.tenantId} onChange={(event) => onSwitchTenant(event.target.value)}>
                {session.tenants.map((tenant) => (
                  <option key={tenant.id} value={tenant.id}>
                    {tenant.name}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <span className="shell-muted">
              {session.kind === 'oidc' ? (session.tenants[0]?.name ?? session.tenantId) : session.tenantId}
            </span>
          )}
          <span className="shell-user-name">{session.user.name}</span>
          {session.user.role === 'admin' ? (
            <SettingsButton
              compact={!wide}
              current={settingsOpen}
              onOpen={() => {
                if (!isSettingsPath(location.pathname)) history.pushState(null, '', WEBHOOKS_SETTINGS_PATH);
                setSettingsOpen(true);
              }}
            />
          ) : null}
          <button type="button" className="cv-button cv-button--small" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {/* Settings in place of the panels; they stay mounted (hidden), so the inbox comes back as it was left. */}
      <div className="shell-panels" style={settingsOpen ? { display: 'none' } : wide ? columns : undefined}>
        {panels.map((panel) => (
          // The section stays the fragment's first child, so adding a separator never remounts a panel.
          <Fragment key={panel.name}>
            <section
              id={`shell-panel-${panel.view}`}
              className={`shell-panel shell-panel--${panel.view}`}
              aria-label={panel.label}
              tabIndex={-1}
              data-visible={wide || view === panel.view}
              aria-hidden={!wide && view !== panel.view}
            >
              <RemotePanel name={panel.name} label={panel.label} props={props} />
            </section>
            {wide && panel.separator ? (
              <PanelSeparator
                panel={panel.separator.resizes}
                label={panel.separator.label}
                controls={`shell-panel-${panel.separator.resizes}`}
                width={panelWidths.widths[panel.separator.resizes]}
                range={panelWidths.rangeOf(panel.separator.resizes)}
                onResize={(width, final) => panelWidths.resize(panel.separator.resizes, width, final)}
                onReset={() => panelWidths.reset(panel.separator.resizes)}
              />
            ) : null}
          </Fragment>
        ))}
      </div>
      {settingsOpen ? (
        <Suspense fallback={<div className="shell-panel-state" aria-busy="true" />}>
          <SettingsPage
            props={props}
            role={session.user.role}
            onBack={() => {
              history.pushState(null, '', pathOfContact(contactId));
              setSettingsOpen(false);
            }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
