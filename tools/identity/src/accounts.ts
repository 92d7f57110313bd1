import type { Account } from 'oidc-provider';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IdentityUser } from './identity-provider';

/** The provider's users, found by email at sign-in and by `sub` when a token or the ID token is made. */
export class Accounts {
  private readonly bySubject = new Map<string, IdentityUser>();
  private readonly byEmail = new Map<string, IdentityUser>();

  constructor(users: IdentityUser[]) {
    for (const user of users) {
      const email = normalEmail(user.email);
      if (this.bySubject.has(user.sub)) throw new Error(`two users have the sub ${user.sub}`);
      if (this.byEmail.has(email)) throw new Error(`two users have the email ${user.email}`);
      this.bySubject.set(user.sub, user);
      this.byEmail.set(email, user);
    }
  }

  bySub(sub: string): IdentityUser | undefined {
    return this.bySubject.get(sub);
  }

  /** The user whose email and password these are, or undefined (which of the two was wrong is not told). */
  authenticate(email: string, password: string): IdentityUser | undefined {
    const user = this.byEmail.get(normalEmail(email));
    // Compared as hashes so the time taken says nothing about the password's length or first letters.
    const matches = timingSafeEqual(sha256(password), sha256(user?.password ?? ''));
    return user && matches ? user : undefined;
  }

  /** The demo users' emails, for the sign-in page's hint. */
  emailsWithPassword(password: string): string[] {
    return [...this.bySubject.values()].filter((user) => user.password === password).map((user) => user.email);
  }

  findAccount(sub: string): Account | undefined {
    const user = this.bySubject.get(sub);
    if (!user) return undefined;
    return {
      accountId: user.sub,
      // oidc-provider releases of these what the granted scopes allow (openid → sub, profile → name and
      // tenants, email → email).
      claims: () => ({ sub: user.sub, name: user.name, email: user.email, tenants: user.tenants }),
    };
  }
}

function normalEmail(email: string): string {
  return email.trim().toLowerCase();
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
