import { ApiClient, messageOf, type GetToken } from '@conversations/api-client';
import type { User, UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { CALLBACK_PATH, createUserManager, returnPathOf, tenantsOf } from './oidc';
import type { RuntimeConfig } from './runtime-config';
import { preferredTenant, rememberTenant, type ProviderSession } from './session';

export type ProviderState = 'idle' | 'restoring' | 'signed-in' | 'no-access';

export interface ProviderSignIn {
  state: ProviderState;
  session: ProviderSession | null;
  /** Why the user is looking at the sign-in page (session ended, provider down, no access). */
  notice: string | null;
  signIn: () => void;
  signOut: () => void;
  switchTenant: (tenantId: string) => void;
}

const PROVIDER_DOWN = 'The sign-in service cannot be reached right now. Try again in a moment.';

/**
 * Sign-in through the identity provider (runtime config `auth`): the login page's callback, a silent
 * restore of the provider's session on load (a reload keeps you signed in, tokens never stored), silent
 * renew before expiry, tenant switch and RP-initiated sign-out.
 */
export function useProviderSignIn(config: RuntimeConfig): ProviderSignIn {
  const manager = useMemo(() => (config.auth ? createUserManager(config.auth) : null), [config.auth]);
  const [state, setState] = useState<ProviderState>(manager ? 'restoring' : 'idle');
  const [session, setSession] = useState<ProviderSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const started = useRef(false);

  const getToken = useMemo<GetToken | null>(() => (manager ? tokenSource(manager) : null), [manager]);

  const enter = useCallback(
    async (user: User, tenantId?: string) => {
      if (!getToken) return;
      const tenants = tenantsOf(user);
      const tenant = tenants.find((each) => each.id === tenantId) ?? preferredTenant(tenants);
      if (!tenant) {
        setState('no-access');
        setNotice(`${user.profile.email ?? 'This account'} has no access to any Conversations account. Ask an admin to add you.`);
        return;
      }
      try {
        const member = await new ApiClient({ apiBaseUrl: config.apiBaseUrl, getToken, tenantId: tenant.id }).me();
        rememberTenant(tenant.id);
        setSession({ kind: 'oidc', getToken, tenants, tenantId: tenant.id, user: member });
        setState('signed-in');
        setNotice(null);
      } catch (error) {
        setState('no-access');
        setNotice(`You cannot open ${tenant.name}: ${messageOf(error)}`);
      }
    },
    [config.apiBaseUrl, getToken],
  );

  useEffect(() => {
    if (!manager || started.current) return;
    started.current = true;
    void (async () => {
      try {
        if (location.pathname === CALLBACK_PATH) {
          const user = await manager.signinRedirectCallback();
          history.replaceState(null, '', returnPathOf(user.state));
          return await enter(user);
        }
        // Still signed in at the provider (a reload, a new tab): back in without the login page.
        const user = await manager.signinSilent().catch(() => null);
        if (user) return await enter(user);
        setState('idle');
      } catch (error) {
        setState('idle');
        setNotice(`Signing in did not finish: ${(error as Error).message}`);
      }
    })();
  }, [manager, enter]);

  // The provider's session ended (signed out elsewhere, expired): back to the sign-in page, saying why.
  useEffect(() => {
    if (!manager) return;
    const ended = () => {
      setSession(null);
      setState('idle');
      setNotice('Your session has ended. Sign in again.');
    };
    manager.events.addSilentRenewError(ended);
    return () => manager.events.removeSilentRenewError(ended);
  }, [manager]);

  return {
    state,
    session,
    notice,
    signIn: () => {
      setNotice(null);
      manager?.signinRedirect({ state: { returnTo: `${location.pathname}${location.search}` } }).catch(() => setNotice(PROVIDER_DOWN));
    },
    signOut: () => {
      setSession(null);
      setState('idle');
      void manager?.signoutRedirect().catch(() => manager.removeUser());
    },
    switchTenant: (tenantId) => {
      void manager?.getUser().then((user) => (user ? enter(user, tenantId) : undefined));
    },
  };
}

/** Tokens for the panels: the current one while it is fresh, else (or after a 401) a silent renew through the provider. */
function tokenSource(manager: UserManager): GetToken {
  let renewing: Promise<User | null> | null = null;
  return async ({ forceRefresh }) => {
    const current = await manager.getUser();
    if (current && !current.expired && !forceRefresh) return current.access_token;
    renewing ??= manager.signinSilent().finally(() => (renewing = null));
    const renewed = await renewing;
    if (!renewed) throw new Error('Your session has ended. Sign in again.');
    return renewed.access_token;
  };
}
