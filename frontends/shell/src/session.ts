import type { TeamMemberView } from '@conversations/contracts';

export interface Session {
  token: string;
  expiresAt: string;
  tenantId: string;
  user: TeamMemberView;
}

const KEY = 'conversations.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session && Date.parse(session.expiresAt) > now ? session : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session | null): void {
  if (session) sessionStorage.setItem(KEY, JSON.stringify(session));
  else sessionStorage.removeItem(KEY);
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
    ],
  },
] as const;
