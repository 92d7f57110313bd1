/**
 * The local identity provider as a process: `node -r @swc-node/register tools/identity/src/main.ts`, with the
 * demo users and one public client, configured from the environment (validated once, here).
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { demoUsers } from './demo-users';
import { startIdentityProvider } from './identity-provider';

const urlList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((uri) => uri.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url()).min(1));

const schema = z.object({
  IDENTITY_PORT: z.coerce.number().int().min(0).max(65535).default(4100).describe('HTTP port on 127.0.0.1 (0 = any free port)'),
  IDENTITY_ISSUER: z.url().optional().describe('issuer URL, default http://127.0.0.1:<port>'),
  IDENTITY_AUDIENCE: z.string().min(1).default('conversations-api').describe("the access tokens' aud"),
  IDENTITY_CLIENT_ID: z.string().min(1).default('conversations-shell').describe('client id of the shell'),
  IDENTITY_REDIRECT_URIS: urlList('http://127.0.0.1:4200/auth/callback').describe('comma-separated redirect URIs of the client'),
  IDENTITY_POST_LOGOUT_REDIRECT_URIS: urlList('http://127.0.0.1:4200/').describe('comma-separated post-logout redirect URIs'),
  IDENTITY_KEYS_FILE: z
    .string()
    .default(join(resolve(__dirname, '../../..'), '.devstack', 'identity-jwks.json'))
    .describe('private JWKS file'),
  IDENTITY_ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().positive().default(600),
  IDENTITY_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .positive()
    .default(8 * 60 * 60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

async function main(): Promise<void> {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    console.error(`Invalid configuration:\n${lines.join('\n')}`);
    process.exit(1);
  }
  const config = parsed.data;
  const identity = await startIdentityProvider({
    port: config.IDENTITY_PORT,
    issuer: config.IDENTITY_ISSUER,
    audience: config.IDENTITY_AUDIENCE,
    clients: [
      {
        clientId: config.IDENTITY_CLIENT_ID,
        redirectUris: config.IDENTITY_REDIRECT_URIS,
        postLogoutRedirectUris: config.IDENTITY_POST_LOGOUT_REDIRECT_URIS,
      },
    ],
    users: demoUsers(),
    keysFile: config.IDENTITY_KEYS_FILE,
    accessTokenTtlSeconds: config.IDENTITY_ACCESS_TOKEN_TTL_SECONDS,
    sessionTtlSeconds: config.IDENTITY_SESSION_TTL_SECONDS,
    logLevel: config.LOG_LEVEL,
  });
  const stop = () => void identity.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
