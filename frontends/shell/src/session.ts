import type { GetToken } from '@conversations/api-client';
import type { TeamMemberView } from '@conversations/contracts';
import type { TenantMembership } from './oidc';

/** Signed in locally (POST /api/v1/dev/token): a 12-hour token for one tenant, kept for this tab. */
export interface DevSession {
  kind: 'dev';
  token: string;
  expiresAt: string;
  tenantId: string;
  user: TeamMemberView;
}

/** Signed in through the identity provider: tokens stay in memory, asked for through `getToken`. */
export interface ProviderSession {
  kind: 'oidc';
  getToken: GetToken;
  tenants: TenantMembership[];
  tenantId: string;
  /** Their team record in `tenantId` (name, role, phone). */
  user: TeamMemberView;
}

export type Session = DevSession | ProviderSession;

const KEY = 'conversations.session';
const TENANT_KEY = 'conversations.tenant';

export function loadSession(now = Date.now()): DevSession | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as DevSession | null;
    return session && session.kind === 'dev' && Date.parse(session.expiresAt) > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: DevSession | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
}

/** The tenant a user of several chose last on this browser (not a secret: an account id). */
export function preferredTenant(tenants: TenantMembership[]): TenantMembership | undefined {
  const stored = localStorage.getItem(TENANT_KEY);
  return tenants.find((tenant) => tenant.id === stored) ?? tenants[0];
}

export function rememberTenant(tenantId: string): void {
  localStorage.setItem(TENANT_KEY, tenantId);
}

/** The seeded demo accounts (services/contacts seed) a developer can sign in as locally. */
export const DEMO_TENANTS = [
  {
    id: 'acme',
    name: 'Acme Dental',
    users: [
      { id: 'u-ana', name: 'Ana Ruiz' },
      { id: 'u-ben', name: 'Ben Carter' },
      { id: 'u-chloe', name: 'Chloé Martin' },
    ],
  },
  {
    id: 'globex',
    name: 'Globex Realty',
    users: [
      { id: 'u-dmitri', name: 'Dmitri Volkov' },
      { id: 'u-eva', name: 'Eva Lindqvist' },
      { id: 'u-ana', name: 'Ana Ruiz' },
    ],
  },
] as const;
