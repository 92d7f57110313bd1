import { messageOf, requestDevToken } from '@conversations/api-client';
import { Field, Notice } from '@conversations/ui';
import { useState, type FormEvent } from 'react';
import type { RuntimeConfig } from './runtime-config';
import { DEMO_TENANTS, type DevSession } from './session';

/** While the provider's session is looked for (a reload): no sign-in form flashing by. */
export function SigningIn() {
  return (
    <main className="shell-signin cv-panel" aria-busy="true">
      <p className="shell-muted" role="status">
        Signing in…
      </p>
    </main>
  );
}

/**
 * The way in: the identity provider's login page (runtime config `auth`), and where the deployment allows
 * it, local sign-in as a seeded team member (F36: the token carries tenant and user).
 */
export function SignIn({
  config,
  onSignedIn,
  onProviderSignIn,
  notice,
  noAccess,
}: {
  config: RuntimeConfig;
  onSignedIn: (session: DevSession) => void;
  onProviderSignIn: () => void;
  notice: string | null;
  noAccess: boolean;
}) {
  return (
    <main className="shell-signin cv-panel">
      <div className="shell-signin-card">
        <div className="shell-brand shell-brand--large">
          <span className="shell-logo" aria-hidden="true">
            C
          </span>
          Conversations
        </div>
        <h1>Sign in</h1>
        {notice ? <Notice kind={noAccess ? 'error' : 'info'}>{notice}</Notice> : null}
        {config.auth ? (
          <button type="button" className="cv-button cv-button--primary" onClick={onProviderSignIn}>
            {noAccess ? 'Use another account' : 'Continue with single sign-on'}
          </button>
        ) : null}
        {config.devSignIn ? <LocalSignIn apiBaseUrl={config.apiBaseUrl} onSignedIn={onSignedIn} separated={!!config.auth} /> : null}
        {!config.auth && !config.devSignIn ? <Notice kind="error">This deployment has no sign-in configured.</Notice> : null}
      </div>
    </main>
  );
}

/** Local sign-in: choose a seeded team member of a tenant. */
function LocalSignIn({
  apiBaseUrl,
  onSignedIn,
  separated,
}: {
  apiBaseUrl: string;
  onSignedIn: (session: DevSession) => void;
  separated: boolean;
}) {
  const [tenantId, setTenantId] = useState<string>(DEMO_TENANTS[0].id);
  const tenant = DEMO_TENANTS.find((each) => each.id === tenantId) ?? DEMO_TENANTS[0];
  const [userId, setUserId] = useState<string>(tenant.users[0].id);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const issued = await requestDevToken(apiBaseUrl, tenantId, userId);
      onSignedIn({ kind: 'dev', token: issued.token, expiresAt: issued.expiresAt, tenantId: issued.tenantId, user: issued.user });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="shell-signin-local" onSubmit={submit} aria-label="Local sign-in">
      {separated ? <p className="shell-signin-or">or, for local development</p> : null}
      <p className="shell-muted">Local sign-in: choose a demo account and a team member.</p>
      <Field label="Account">
        <select
          className="cv-select"
          name="tenant"
          value={tenantId}
          onChange={(event) => {
            const next = DEMO_TENANTS.find((each) => each.id === event.target.value) ?? DEMO_TENANTS[0];
            setTenantId(next.id);
            setUserId(next.users[0].id);
          }}
        >
          {DEMO_TENANTS.map((each) => (
            <option key={each.id} value={each.id}>
              {each.name} ({each.id})
            </option>
          ))}
        </select>
      </Field>
      <Field label="Team member">
        <select className="cv-select" name="user" value={userId} onChange={(event) => setUserId(event.target.value)}>
          {tenant.users.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </Field>
      {error ? <Notice kind="error">{messageOf(error)}</Notice> : null}
      <button type="submit" className={`cv-button ${separated ? '' : 'cv-button--primary'}`} disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
