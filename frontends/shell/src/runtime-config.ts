/** The OpenID Connect provider the shell signs in with (a public client: Authorization Code + PKCE). */
export interface AuthConfig {
  issuer: string;
  clientId: string;
  scope?: string;
}

/** What the shell reads at run time from `/remotes.json` beside index.html: no remote is known at build time. */
export interface RuntimeConfig {
  /** Origin of the API gateway. */
  apiBaseUrl: string;
  /** Each remote's `mf-manifest.json` URL, by container name. */
  remotes: Record<RemoteName, string>;
  /** Sign-in through an identity provider; absent, only local sign-in exists. */
  auth?: AuthConfig;
  /** Local sign-in as a seeded user (POST /api/v1/dev/token): tests and local tooling, never production. */
  devSignIn: boolean;
}

export const REMOTE_NAMES = ['inbox', 'conversation', 'contact_details'] as const;
export type RemoteName = (typeof REMOTE_NAMES)[number];

/** Validates the file: a wrong deployment shows a clear message instead of a blank page. */
export function parseRuntimeConfig(value: unknown, pageOrigin: string): RuntimeConfig {
  const config = value as Partial<RuntimeConfig> | null;
  if (!config || typeof config !== 'object' || !config.remotes || typeof config.remotes !== 'object')
    throw new Error('remotes.json must be an object with "remotes"');
  const remotes = {} as Record<RemoteName, string>;
  for (const name of REMOTE_NAMES) {
    const entry = (config.remotes as Record<string, unknown>)[name];
    if (typeof entry !== 'string' || !entry) throw new Error(`remotes.json has no location for the "${name}" panel`);
    remotes[name] = new URL(entry, pageOrigin).toString();
  }
  const apiBaseUrl = typeof config.apiBaseUrl === 'string' && config.apiBaseUrl ? config.apiBaseUrl.replace(/\/+$/, '') : pageOrigin;
  const auth = authOf(config.auth);
  // Without a provider, local sign-in is the only way in (as before sign-in through a provider existed).
  const devSignIn = typeof config.devSignIn === 'boolean' ? config.devSignIn : !auth;
  return { apiBaseUrl, remotes, ...(auth ? { auth } : {}), devSignIn };
}

function authOf(value: unknown): AuthConfig | undefined {
  if (value === undefined || value === null) return undefined;
  const { issuer, clientId, scope } = value as Partial<AuthConfig>;
  if (typeof issuer !== 'string' || !/^https?:\/\//.test(issuer))
    throw new Error('remotes.json: "auth.issuer" must be the provider’s http(s) URL');
  if (typeof clientId !== 'string' || !clientId) throw new Error('remotes.json: "auth.clientId" must name the shell’s client');
  return { issuer, clientId, ...(typeof scope === 'string' && scope ? { scope } : {}) };
}
