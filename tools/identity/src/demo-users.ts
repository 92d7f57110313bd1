import { DEMO_TENANTS } from '@conversations/contacts/src/seed/demo-tenants';
import type { IdentityUser } from './identity-provider';

/** Every demo user's password: local sign-in only, never a real credential. */
export const DEMO_PASSWORD = 'demo';

/**
 * The seeded team members (services/contacts' demo tenants) as users of the local provider, one user per
 * person with a membership per tenant (Ana: admin of Acme, agent of Globex). Any role but admin is an agent.
 */
export function demoUsers(): IdentityUser[] {
  const users = new Map<string, IdentityUser>();
  for (const tenant of DEMO_TENANTS) {
    for (const member of tenant.members) {
      let user = users.get(member._id);
      if (!user) {
        user = { sub: member._id, email: member.email, name: member.name, password: DEMO_PASSWORD, tenants: [] };
        users.set(member._id, user);
      }
      const role = member.role === 'admin' ? 'admin' : 'agent';
      const membership = user.tenants.find((candidate) => candidate.id === tenant.id);
      if (!membership) user.tenants.push({ id: tenant.id, name: tenant.name, roles: [role] });
      else if (!membership.roles.includes(role)) membership.roles.push(role);
    }
  }
  return [...users.values()];
}
