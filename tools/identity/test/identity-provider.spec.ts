import { createLocalJWKSet, createRemoteJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD, demoUsers, startIdentityProvider, type IdentityProvider } from '../src';
import { cookieKeysFileFor } from '../src/persisted-keys';
import { authorizationRequest, CookieBrowser, exchangeCode, formAction, hiddenInput, quietProviderNotices } from './relying-party';

const AUDIENCE = 'conversations-api';
const CLIENT = { clientId: 'conversations-shell', redirectUri: 'http://127.0.0.1:4200/auth/callback' };
const SIGNED_OUT_URI = 'http://127.0.0.1:4200/signed-out';
const ACCESS_TOKEN_TTL_SECONDS = 5;

let directory: string;
let keysFile: string;
let identity: IdentityProvider;

function start(): Promise<IdentityProvider> {
  return startIdentityProvider({
    port: 0,
    audience: AUDIENCE,
    clients: [{ clientId: CLIENT.clientId, redirectUris: [CLIENT.redirectUri], postLogoutRedirectUris: [SIGNED_OUT_URI] }],
    users: demoUsers(),
    keysFile,
    accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
    logLevel: 'silent',
  });
}

beforeAll(async () => {
  quietProviderNotices();
  directory = mkdtempSync(join(tmpdir(), 'identity-'));
  keysFile = join(directory, 'keys', 'identity-jwks.json');
  identity = await start();
});

afterAll(async () => {
  await identity?.stop();
  rmSync(directory, { recursive: true, force: true });
});

/** Signs in through the login page and returns the redirect back to the client (carrying `code` or `error`). */
async function signIn(browser: CookieBrowser, request: { url: string }, email = 'ana@acme.test', password = DEMO_PASSWORD): Promise<URL> {
  const toLogin = await browser.follow(request.url, CLIENT.redirectUri);
  expect(toLogin.page?.status).toBe(200);
  const html = await toLogin.page!.text();
  const submitted = await browser.follow(formAction(html, identity.issuer), CLIENT.redirectUri, { form: { email, password } });
  if (!submitted.location)
    throw new Error(`sign-in did not return to the client: ${submitted.page?.status} ${await submitted.page?.text()}`);
  return submitted.location;
}

async function silentRenew(browser: CookieBrowser): Promise<URL> {
  const request = authorizationRequest(identity.issuer, CLIENT, { prompt: 'none' });
  const { location } = await browser.follow(request.url, CLIENT.redirectUri);
  if (!location) throw new Error('prompt=none did not redirect back to the client');
  return location;
}

describe('local identity provider (issue #19)', () => {
  it('serves its discovery document and JWKS, with the issuer it was started with', async () => {
    expect(identity.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const discovery = (await (await fetch(`${identity.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: identity.issuer,
      jwks_uri: `${identity.issuer}/jwks`,
      authorization_endpoint: `${identity.issuer}/auth`,
      token_endpoint: `${identity.issuer}/token`,
      end_session_endpoint: `${identity.issuer}/session/end`,
      response_types_supported: ['code'],
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    expect(discovery.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email']));
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['sub', 'name', 'email', 'tenants']));
    const jwks = (await (await fetch(`${identity.issuer}/jwks`)).json()) as JSONWebKeySet;
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('runs the code flow with PKCE: login page, code, a JWT access token for the API with both of Ana’s tenants, an ID token with the nonce', async () => {
    const browser = new CookieBrowser();
    const request = authorizationRequest(identity.issuer, CLIENT);
    const callback = await signIn(browser, request);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(identity.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    const { status, body } = await exchangeCode(identity.issuer, CLIENT, code!, request.verifier);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL_SECONDS });
    expect(body).not.toHaveProperty('refresh_token');

    const jwks = createRemoteJWKSet(new URL(`${identity.issuer}/jwks`));
    const { payload: access, protectedHeader } = await jwtVerify(body.access_token as string, jwks, {
      issuer: identity.issuer,
      audience: AUDIENCE,
      algorithms: ['ES256'],
    });
    expect(protectedHeader.typ).toBe('at+jwt');
    expect(access.sub).toBe('u-ana');
    expect(access.exp! - access.iat!).toBe(ACCESS_TOKEN_TTL_SECONDS);
    expect(access.client_id).toBe(CLIENT.clientId);
    expect(access.tenants).toEqual([
      { id: 'acme', name: 'Acme Dental', roles: ['admin'] },
      { id: 'globex', name: 'Globex Realty', roles: ['agent'] },
    ]);

    const { payload: id } = await jwtVerify(body.id_token as string, jwks, { issuer: identity.issuer, audience: CLIENT.clientId });
    expect(id).toMatchObject({ sub: 'u-ana', nonce: request.nonce, name: 'Ana Ruiz', email: 'ana@acme.test' });
    expect(id.tenants).toEqual(access.tenants);
  });

  it('gives an agent a token with the agent role in their one tenant', async () => {
    const request = authorizationRequest(identity.issuer, CLIENT);
    const callback = await signIn(new CookieBrowser(), request, 'EVA@globex.test');
    const { body } = await exchangeCode(identity.issuer, CLIENT, callback.searchParams.get('code')!, request.verifier);
    const { payload } = await jwtVerify(body.access_token as string, createRemoteJWKSet(new URL(`${identity.issuer}/jwks`)), {
      audience: AUDIENCE,
    });
    expect(payload).toMatchObject({ sub: 'u-eva', tenants: [{ id: 'globex', name: 'Globex Realty', roles: ['agent'] }] });
  });

  it('shows the login page again with an error for a wrong password, and gives no code', async () => {
    const browser = new CookieBrowser();
    const request = authorizationRequest(identity.issuer, CLIENT);
    const toLogin = await browser.follow(request.url, CLIENT.redirectUri);
    const html = await toLogin.page!.text();
    expect(html).toContain('<label for="email">Email</label>');
    expect(html).toContain('Demo users:');
    expect(html).toContain('ana@acme.test');
    expect(html).not.toContain('That email and password do not match');

    const wrong = await browser.request(formAction(html, identity.issuer), { form: { email: 'ana@acme.test', password: 'not-demo' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('location')).toBeNull();
    const page = await wrong.text();
    expect(page).toContain('That email and password do not match');
    expect(page).toContain('value="ana@acme.test"');

    const unknown = await browser.request(formAction(html, identity.issuer), {
      form: { email: 'nobody@acme.test', password: DEMO_PASSWORD },
    });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('That email and password do not match');

    // The same interaction still signs in with the right password.
    const right = await browser.follow(formAction(page, identity.issuer), CLIENT.redirectUri, {
      form: { email: 'ana@acme.test', password: DEMO_PASSWORD },
    });
    expect(right.location?.searchParams.get('code')).toBeTruthy();
  });

  it('refuses an authorization request without PKCE, and a code exchange without its verifier', async () => {
    const withoutPkce = authorizationRequest(identity.issuer, CLIENT, { code_challenge: undefined, code_challenge_method: undefined });
    const { location } = await new CookieBrowser().follow(withoutPkce.url, CLIENT.redirectUri);
    expect(location?.searchParams.get('error')).toBe('invalid_request');
    expect(location?.searchParams.get('error_description')).toMatch(/PKCE/);
    expect(location?.searchParams.has('code')).toBe(false);

    const plain = authorizationRequest(identity.issuer, CLIENT, { code_challenge_method: 'plain' });
    const refused = await new CookieBrowser().follow(plain.url, CLIENT.redirectUri);
    expect(refused.location?.searchParams.get('error')).toBe('invalid_request');

    const request = authorizationRequest(identity.issuer, CLIENT);
    const callback = await signIn(new CookieBrowser(), request);
    const exchange = await exchangeCode(identity.issuer, CLIENT, callback.searchParams.get('code')!);
    expect(exchange.status).toBe(400);
    expect(exchange.body.error).toBe('invalid_grant');
  });

  it('lets the shell’s origin exchange its code from the browser (CORS), and no other origin', async () => {
    const tokenRequest = (origin: string) =>
      fetch(`${identity.issuer}/token`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code: 'unknown',
          client_id: CLIENT.clientId,
          redirect_uri: CLIENT.redirectUri,
        }),
      });
    const fromShell = await tokenRequest('http://127.0.0.1:4200');
    expect(fromShell.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4200');
    expect(((await fromShell.json()) as { error: string }).error).toBe('invalid_grant');
    const fromElsewhere = await tokenRequest('http://127.0.0.1:9999');
    expect(fromElsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses an unknown redirect_uri with a readable page, never redirecting there', async () => {
    const request = authorizationRequest(identity.issuer, { ...CLIENT, redirectUri: 'http://127.0.0.1:4200/elsewhere' });
    const response = await new CookieBrowser().request(request.url);
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const page = await response.text();
    expect(page).toContain('redirect_uri');
    expect(page).not.toMatch(/node_modules|\.js:\d+/);
  });

  it('renews silently with prompt=none while the session lasts, and answers login_required without it', async () => {
    const browser = new CookieBrowser();
    await signIn(browser, authorizationRequest(identity.issuer, CLIENT));
    const renewed = await silentRenew(browser);
    expect(renewed.searchParams.get('error')).toBeNull();
    expect(renewed.searchParams.get('code')).toBeTruthy();

    const stranger = await silentRenew(new CookieBrowser());
    expect(stranger.searchParams.get('error')).toBe('login_required');
    expect(stranger.searchParams.has('code')).toBe(false);
  });

  it('ends the session with RP-initiated logout: a later prompt=none answers login_required', async () => {
    const browser = new CookieBrowser();
    const request = authorizationRequest(identity.issuer, CLIENT);
    const callback = await signIn(browser, request);
    const { body } = await exchangeCode(identity.issuer, CLIENT, callback.searchParams.get('code')!, request.verifier);

    const logout = new URL('/session/end', identity.issuer);
    logout.searchParams.set('id_token_hint', body.id_token as string);
    logout.searchParams.set('post_logout_redirect_uri', SIGNED_OUT_URI);
    logout.searchParams.set('state', 'bye');
    const confirm = await browser.request(logout.href);
    expect(confirm.status).toBe(200);
    const html = await confirm.text();
    const signedOut = await browser.follow(formAction(html, identity.issuer), SIGNED_OUT_URI, {
      form: { xsrf: hiddenInput(html, 'xsrf'), logout: hiddenInput(html, 'logout') },
    });
    expect(signedOut.location?.href).toBe(`${SIGNED_OUT_URI}?state=bye`);

    const afterwards = await silentRenew(browser);
    expect(afterwards.searchParams.get('error')).toBe('login_required');
  });

  it('answers a stale or forged interaction with a plain page, not an error trace', async () => {
    const response = await fetch(`${identity.issuer}/interaction/not-a-real-one`);
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('This sign-in has expired');
    expect(page).not.toMatch(/node_modules|Error:/);
  });

  it('keeps its keys: a restart with the same keysFile publishes the same kid, and the files are private', async () => {
    const before = (await (await fetch(`${identity.issuer}/jwks`)).json()) as JSONWebKeySet;
    const request = authorizationRequest(identity.issuer, CLIENT);
    const callback = await signIn(new CookieBrowser(), request);
    const { body } = await exchangeCode(identity.issuer, CLIENT, callback.searchParams.get('code')!, request.verifier);

    await identity.stop();
    identity = await start();
    const after = (await (await fetch(`${identity.issuer}/jwks`)).json()) as JSONWebKeySet;
    expect(after.keys.map((key) => key.kid)).toEqual(before.keys.map((key) => key.kid));
    expect(decodeProtectedHeader(body.access_token as string).kid).toBe(after.keys[0].kid);
    // A token from before the restart still verifies against the JWKS after it (the port, and so the issuer, changed).
    await expect(jwtVerify(body.access_token as string, createLocalJWKSet(after), { audience: AUDIENCE })).resolves.toBeTruthy();

    expect(statSync(keysFile).mode & 0o777).toBe(0o600);
    expect(statSync(cookieKeysFileFor(keysFile)).mode & 0o777).toBe(0o600);
  });

  it('lets a short access token lapse while the session renews it (accessTokenTtlSeconds)', async () => {
    const browser = new CookieBrowser();
    const first = authorizationRequest(identity.issuer, CLIENT);
    const callback = await signIn(browser, first);
    const { body } = await exchangeCode(identity.issuer, CLIENT, callback.searchParams.get('code')!, first.verifier);
    const jwks = createRemoteJWKSet(new URL(`${identity.issuer}/jwks`));
    await new Promise((resolve) => setTimeout(resolve, (ACCESS_TOKEN_TTL_SECONDS + 1) * 1000));
    await expect(jwtVerify(body.access_token as string, jwks, { audience: AUDIENCE })).rejects.toThrow(/exp/);

    const renew = authorizationRequest(identity.issuer, CLIENT, { prompt: 'none' });
    const { location } = await browser.follow(renew.url, CLIENT.redirectUri);
    const renewed = await exchangeCode(identity.issuer, CLIENT, location!.searchParams.get('code')!, renew.verifier);
    await expect(jwtVerify(renewed.body.access_token as string, jwks, { audience: AUDIENCE })).resolves.toBeTruthy();
  });
});
