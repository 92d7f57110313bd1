import { createHash, randomBytes } from 'node:crypto';

/**
 * A browser reduced to what the code flow needs, for tests: cookies kept per path, redirects followed one by
 * one (so a test sees where each goes), forms posted. Plain fetch, no OpenID client library.
 */
export class CookieBrowser {
  private readonly cookies = new Map<string, { name: string; value: string; path: string }>();

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const target = new URL(url);
    const cookie = [...this.cookies.values()]
      .filter((entry) => target.pathname.startsWith(entry.path))
      .map((entry) => `${entry.name}=${entry.value}`)
      .join('; ');
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    let body: string | undefined;
    if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(target, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body, redirect: 'manual' });
    for (const header of response.headers.getSetCookie()) this.store(header);
    return response;
  }

  /** Follows redirects from `url` until one leaves for `stopAt` (returned, not fetched) or a page answers. */
  async follow(url: string, stopAt: string, init: { form?: Record<string, string> } = {}): Promise<{ location?: URL; page?: Response }> {
    let response = await this.request(url, init);
    for (let hop = 0; hop < 10; hop += 1) {
      const location = response.headers.get('location');
      if (!location || response.status < 300 || response.status >= 400) return { page: response };
      const next = new URL(location, url);
      if (next.href.startsWith(stopAt)) return { location: next };
      url = next.href;
      response = await this.request(url);
    }
    throw new Error(`more than 10 redirects from ${url}`);
  }

  cookieNames(): string[] {
    return [...this.cookies.values()].map((entry) => entry.name);
  }

  private store(header: string): void {
    const [pair, ...attributes] = header.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const name = pair.slice(0, separator);
    const value = pair.slice(separator + 1);
    const path = attributes.find((attribute) => attribute.toLowerCase().startsWith('path='))?.slice(5) ?? '/';
    const expires = attributes.find((attribute) => attribute.toLowerCase().startsWith('expires='))?.slice(8);
    const key = `${name} ${path}`;
    if (!value || (expires && Date.parse(expires) <= Date.now())) this.cookies.delete(key);
    else this.cookies.set(key, { name, value, path });
  }
}

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  verifier: string;
}

/** An authorization request URL with fresh state, nonce and PKCE (S256) values; `extra` adds or removes (undefined) parameters. */
export function authorizationRequest(
  issuer: string,
  client: { clientId: string; redirectUri: string },
  extra: Record<string, string | undefined> = {},
): AuthorizationRequest {
  const verifier = randomBytes(32).toString('base64url');
  const state = randomBytes(8).toString('hex');
  const nonce = randomBytes(8).toString('hex');
  const parameters: Record<string, string | undefined> = {
    client_id: client.clientId,
    redirect_uri: client.redirectUri,
    response_type: 'code',
    scope: 'openid profile email',
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  };
  const url = new URL('/auth', issuer);
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined) url.searchParams.set(name, value);
  return { url: url.href, state, nonce, verifier };
}

/** The `action` of the page's first form, made absolute. */
export function formAction(html: string, base: string): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in:\n${html}`);
  return new URL(action.replace(/&amp;/g, '&'), base).href;
}

/** The value of the hidden input `name` in the page. */
export function hiddenInput(html: string, name: string): string {
  const value = new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];
  if (value === undefined) throw new Error(`no input ${name} in:\n${html}`);
  return value;
}

export async function exchangeCode(
  issuer: string,
  client: { clientId: string; redirectUri: string },
  code: string,
  verifier?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form: Record<string, string> = {
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    client_id: client.clientId,
  };
  if (verifier) form.code_verifier = verifier;
  const response = await fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** oidc-provider's start-up notices (Node 20 is below its supported runtime; in-memory store): known, and noise here. */
export function quietProviderNotices(): void {
  const warn = console.warn.bind(console);
  jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => {
    if (typeof args[0] !== 'string' || !args[0].startsWith('oidc-provider WARNING')) warn(...args);
  });
}
