import { demoUsers } from './demo-users';
import { startIdentityProvider, type IdentityProvider } from './identity-provider';

/** The API's audience in the provider's access tokens, and what the gateway requires (JWT_AUDIENCE). */
export const API_AUDIENCE = 'conversations-api';
/** The shell's client id at the provider (remotes.json `auth.clientId`). */
export const SHELL_CLIENT_ID = 'conversations-shell';

/**
 * The provider as `npm start` and the browser tests run it: the demo users, and the shell as its one client,
 * allowed back on its sign-in callback and silent-renew frame at each origin it may be opened on.
 */
export function startDemoIdentity(options: {
  port: number;
  shellOrigins: string[];
  keysFile: string;
  accessTokenTtlSeconds?: number;
  logLevel?: string;
}): Promise<IdentityProvider> {
  const origins = options.shellOrigins.map((origin) => origin.replace(/\/+$/, ''));
  return startIdentityProvider({
    port: options.port,
    audience: API_AUDIENCE,
    clients: [
      {
        clientId: SHELL_CLIENT_ID,
        redirectUris: origins.flatMap((origin) => [`${origin}/auth/callback`, `${origin}/auth/silent-callback`]),
        postLogoutRedirectUris: origins.map((origin) => `${origin}/`),
      },
    ],
    users: demoUsers(),
    keysFile: options.keysFile,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds,
    logLevel: options.logLevel,
  });
}
