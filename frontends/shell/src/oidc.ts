import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { AuthConfig } from './runtime-config';

/** Where the provider sends the browser back: after the login page, and in the hidden frame of a silent renew. */
export const CALLBACK_PATH = '/auth/callback';
export const SILENT_CALLBACK_PATH = '/auth/silent-callback';

/** A tenant the signed-in user belongs to, as the provider's `tenants` claim lists it. */
export interface TenantMembership {
  id: string;
  name: string;
  roles: string[];
}

/**
 * The shell's OpenID Connect client: Authorization Code + PKCE, tokens in memory only (never in web
 * storage — a reload restores them through the provider's session with `prompt=none`), renewed silently
 * a minute before they expire.
 */
export function createUserManager(auth: AuthConfig, origin = location.origin): UserManager {
  return new UserManager({
    authority: auth.issuer,
    client_id: auth.clientId,
    redirect_uri: `${origin}${CALLBACK_PATH}`,
    silent_redirect_uri: `${origin}${SILENT_CALLBACK_PATH}`,
    post_logout_redirect_uri: `${origin}/`,
    response_type: 'code',
    scope: auth.scope ?? 'openid profile email',
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    automaticSilentRenew: true,
    accessTokenExpiringNotificationTimeInSeconds: 60,
    // The pending request's state and PKCE verifier must survive the redirect: sessionStorage (this tab only).
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
  });
}

/** The tenants of the signed-in user (`tenants` claim of the ID token: [{ id, name, roles }]). */
export function tenantsOf(user: User): TenantMembership[] {
  const listed = (user.profile as { tenants?: unknown }).tenants;
  if (!Array.isArray(listed)) return [];
  return listed.flatMap((entry: unknown) => {
    const { id, name, roles } = (entry ?? {}) as { id?: unknown; name?: unknown; roles?: unknown };
    if (typeof id !== 'string' || !id) return [];
    return [{ id, name: typeof name === 'string' && name ? name : id, roles: Array.isArray(roles) ? roles.map(String) : [] }];
  });
}

/** The path to come back to after the login page: where the user was (a deep link survives sign-in). */
export function returnPathOf(state: unknown): string {
  const path = (state as { returnTo?: unknown } | undefined)?.returnTo;
  // Only a path of this origin: never an absolute URL someone put into the state.
  return typeof path === 'string' && path.startsWith('/') && !path.startsWith('//') ? path : '/';
}
