// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- oidc-provider's types, for every program that compiles this file
/// <reference path="./oidc-provider.d.ts" />
import { errors, Provider, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { Accounts } from './accounts';
import { handleInteraction } from './interactions';
import { logoutPage, messagePage, type HtmlPage } from './pages';
import { loadOrCreateKeys, SIGNING_ALGORITHM } from './persisted-keys';

export interface IdentityUser {
  /** The user's id everywhere (the seed's team member `_id`): the tokens' `sub`. */
  sub: string;
  email: string;
  name: string;
  password: string;
  tenants: { id: string; name: string; roles: ('admin' | 'agent')[] }[];
}

/** A first-party browser app: a public client (no secret) using the authorization code flow with PKCE. */
export interface IdentityClient {
  clientId: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

export interface IdentityProviderOptions {
  /** 0 = any free port. The provider listens on 127.0.0.1 only. */
  port: number;
  /** Default `http://127.0.0.1:<port>`; an origin without a path. */
  issuer?: string;
  /** The API's audience (the access tokens' `aud`), e.g. 'conversations-api'. */
  audience: string;
  clients: IdentityClient[];
  users: IdentityUser[];
  /** The private JWKS (ES256), made on first start with mode 0600 and reused after; cookie keys are kept beside it. */
  keysFile: string;
  /** Default 600; tests use short ones to exercise silent renew. */
  accessTokenTtlSeconds?: number;
  /** Lifetime of the provider session (its cookie), default 8 h: how long silent renew works without a sign-in. */
  sessionTtlSeconds?: number;
  /** pino level of the provider's log (default 'info'). */
  logLevel?: string;
}

export interface IdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

/** The resource indicator every authorization gets when the client names none: the Conversations API. */
export const API_RESOURCE = 'urn:conversations:api';

const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 600;
const DEFAULT_SESSION_TTL_SECONDS = 8 * 60 * 60;
/** Long enough to type a password, short enough that a forgotten sign-in tab goes stale. */
const INTERACTION_TTL_SECONDS = 30 * 60;

/**
 * A local OpenID Connect provider (oidc-provider) on loopback: authorization code + PKCE for public clients,
 * ES256 JWT access tokens for the API audience carrying the user's tenants and roles, RP-initiated logout, and
 * our own sign-in page. Sessions, codes and grants live in memory, so a restart signs everyone out; keys persist.
 */
export async function startIdentityProvider(options: IdentityProviderOptions): Promise<IdentityProvider> {
  const logger = pino({
    name: 'identity',
    level: options.logLevel ?? 'info',
    base: { service: 'identity' },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
  const keys = await loadOrCreateKeys(options.keysFile);
  const accounts = new Accounts(options.users);

  let route: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => {
    response.writeHead(503).end();
  };
  const server = createServer((request, response) => route(request, response));
  await listen(server, options.port);
  const { port } = server.address() as AddressInfo;
  const issuer = validIssuer(options.issuer ?? `http://127.0.0.1:${port}`);

  const provider = new Provider(issuer, providerConfiguration(options, accounts, keys));
  watchProviderEvents(provider, logger);
  const providerCallback = provider.callback();

  route = (request, response) => {
    const started = performance.now();
    // The path only: query strings carry codes, states and hints that have no place in a log.
    const path = new URL(request.url ?? '/', issuer).pathname;
    response.once('finish', () =>
      logger.debug({ method: request.method, path, status: response.statusCode, ms: Math.round(performance.now() - started) }, 'request'),
    );
    if (path.startsWith('/interaction/')) void handleInteraction({ provider, accounts, logger, request, response, path });
    else providerCallback(request, response);
  };

  logger.info(
    { issuer, clients: options.clients.map((client) => client.clientId), users: options.users.length },
    'identity provider listening',
  );
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function providerConfiguration(
  options: IdentityProviderOptions,
  accounts: Accounts,
  keys: Awaited<ReturnType<typeof loadOrCreateKeys>>,
): Configuration {
  const accessTokenTTL = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  const sessionTTL = options.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS;
  return {
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris,
      token_endpoint_auth_method: 'none',
      response_types: ['code'],
      grant_types: ['authorization_code'],
      application_type: 'web',
    })),
    clientDefaults: { id_token_signed_response_alg: SIGNING_ALGORITHM },
    enabledJWA: { idTokenSigningAlgValues: [SIGNING_ALGORITHM] },
    jwks: keys.jwks,
    // Session and interaction cookies, signed with this checkout's keys. SameSite=Lax is enough for the shell's
    // silent-renew iframe: the shell (127.0.0.1:4200) and the provider (127.0.0.1:<port>) are the same site,
    // whatever their ports, so the browser sends the cookie to the framed authorize request.
    cookies: {
      keys: keys.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email'],
    // `tenants` goes with `profile`: the shell asks for `openid profile email` and learns the user's tenants and
    // roles from the ID token (the access token carries them too, for the API).
    claims: { openid: ['sub'], profile: ['name', 'tenants'], email: ['email'] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => respondWith(ctx, logoutPage(form)),
        postLogoutSuccessSource: (ctx) => respondWith(ctx, messagePage(200, 'Signed out', 'You are signed out. You can close this tab.')),
      },
      resourceIndicators: {
        enabled: true,
        // A plain code flow (no `resource` parameter) is for the API: its token is the API's JWT.
        defaultResource: async () => API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator) => {
          if (resourceIndicator !== API_RESOURCE) throw new errors.InvalidTarget();
          return {
            scope: '',
            audience: options.audience,
            accessTokenFormat: 'jwt',
            accessTokenTTL,
            jwt: { sign: { alg: SIGNING_ALGORITHM } },
          };
        },
      },
      // Every access token is the API's (its audience is not the provider), so userinfo could never be called
      // with one: the identity claims travel in the ID token instead.
      userinfo: { enabled: false },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, sub) => accounts.findAccount(sub),
    extraTokenClaims: async (_ctx, token) => {
      const user = token.accountId ? accounts.bySub(token.accountId) : undefined;
      return user ? { tenants: user.tenants } : undefined;
    },
    // The token endpoint answers browsers from the clients' own origins (the shell exchanges its code by fetch).
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris.some((uri) => new URL(uri).origin === origin),
    renderError: (ctx, out) => {
      const title = ctx.status >= 500 ? 'Something went wrong' : 'This sign-in request cannot go on';
      const description = out.error_description ? `${out.error_description} (${out.error})` : out.error;
      respondWith(ctx, messagePage(ctx.status, title, `${description}. Go back to the app and sign in again.`), false);
    },
    ttl: {
      AccessToken: accessTokenTTL,
      AuthorizationCode: 60,
      IdToken: accessTokenTTL,
      Interaction: INTERACTION_TTL_SECONDS,
      Session: sessionTTL,
      Grant: sessionTTL,
    },
  };
}

function respondWith(ctx: KoaContextWithOIDC, page: HtmlPage, setStatus = true): void {
  if (setStatus) ctx.status = page.status;
  for (const [name, value] of Object.entries(page.headers)) ctx.set(name, value);
  ctx.type = 'html';
  ctx.body = page.body;
}

function watchProviderEvents(provider: Provider, logger: Logger): void {
  // Failures of a client's request are the client's (info); a server_error is ours, with its stack, in the log only.
  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'identity provider error'));
  for (const event of ['authorization.error', 'grant.error', 'end_session.error', 'jwks.error', 'discovery.error'])
    provider.on(event, (ctx, error) =>
      logger.info({ event, path: ctx.path, error: error.error ?? error.name, description: error.error_description }, 'request refused'),
    );
  provider.on('end_session.success', () => logger.info('signed out'));
}

function validIssuer(issuer: string): string {
  const url = new URL(issuer);
  if (url.pathname !== '/' || url.search || url.hash) throw new Error(`issuer ${issuer} must be an origin without a path`);
  return url.origin;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}
