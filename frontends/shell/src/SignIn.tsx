import { messageOf, requestDevToken } from '@conversations/api-client';
import { Field, Notice } from '@conversations/ui';
import { useState, type FormEvent } from 'react';
import { DEMO_TENANTS, type Session } from './session';

/** Local sign-in: choose a seeded team member of a tenant (F36: the token carries tenant and user). */
export function SignIn({ apiBaseUrl, onSignedIn }: { apiBaseUrl: string; onSignedIn: (session: Session) => void }) {
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
      onSignedIn({ token: issued.token, expiresAt: issued.expiresAt, tenantId: issued.tenantId, user: issued.user });
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="shell-signin cv-panel">
      <form className="shell-signin-card" onSubmit={submit}>
        <div className="shell-brand shell-brand--large">
          <span className="shell-logo" aria-hidden="true">
            C
          </span>
          Conversations
        </div>
        <h1>Sign in</h1>
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
        <button type="submit" className="cv-button cv-button--primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
