import { ApiError, apiErrorOf, fieldError, messageOf } from './api-error';
import { ApiClient } from './client';
import { mergePages } from './pages';

describe('mergePages (F4: already loaded items are never duplicated)', () => {
  it('keeps the first occurrence of an id across pages, in page order', () => {
    const pages = [
      { items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'x' },
      { items: [{ id: 'b' }, { id: 'c' }], nextCursor: null },
    ];
    expect(mergePages(pages).map((item) => item.id)).toEqual(['a', 'b', 'c']);
  });

  it('puts a pinned item first and once (F5 deep link)', () => {
    const pages = [{ items: [{ id: 'a' }, { id: 'p' }], nextCursor: null }];
    expect(mergePages(pages, { id: 'p' }).map((item) => item.id)).toEqual(['p', 'a']);
  });

  it('is empty before the first page arrives', () => {
    expect(mergePages(undefined)).toEqual([]);
  });
});

describe('ApiError (F37)', () => {
  it('carries the server message and field errors of a 422', () => {
    const error = apiErrorOf(422, {
      error: { code: 'VALIDATION_FAILED', message: 'Some fields are invalid', fields: { email: ['email must be an email address'] } },
    });
    expect(error.message).toBe('Some fields are invalid');
    expect(fieldError(error, 'email')).toBe('email must be an email address');
    expect(error.isUnavailable).toBe(false);
  });

  it('treats a missing route (404 NOT_FOUND) and 503 as "unavailable", not a missing contact', () => {
    expect(apiErrorOf(404, { error: { code: 'NOT_FOUND', message: 'Cannot GET /api/v1/calls' } }).isUnavailable).toBe(true);
    expect(apiErrorOf(503, null).isUnavailable).toBe(true);
    expect(apiErrorOf(404, { error: { code: 'CONTACT_NOT_FOUND', message: 'Contact not found' } }).isUnavailable).toBe(false);
  });

  it('has a human sentence when the body is not ours', () => {
    expect(apiErrorOf(502, '<html>').message).toMatch(/Something went wrong/);
    expect(messageOf(apiErrorOf(0, null))).toMatch(/Cannot reach the server/);
  });
});

describe('ApiClient', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  it('sends the bearer token, drops empty query values and parses errors', async () => {
    const calls: { url: string; init: RequestInit }[] = [];
    globalThis.fetch = jest.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, init });
      return new Response(JSON.stringify({ error: { code: 'CONTACT_NOT_FOUND', message: 'Contact not found' } }), { status: 404 });
    }) as unknown as typeof fetch;
    const client = new ApiClient({ apiBaseUrl: 'http://api.test/', token: 't0k' });
    await expect(client.listContacts({ q: '', cursor: null, limit: 50 })).rejects.toBeInstanceOf(ApiError);
    expect(calls[0].url).toBe('http://api.test/api/v1/contacts?limit=50');
    expect((calls[0].init.headers as Record<string, string>).authorization).toBe('Bearer t0k');
  });

  it('#19: asks getToken before each request, names the account, and after a 401 asks once for a fresh token', async () => {
    const sent: Record<string, string>[] = [];
    const unauthorized = () => new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'expired' } }), { status: 401 });
    const answers = [unauthorized(), new Response(JSON.stringify({ id: 'u-ana' }), { status: 200 }), unauthorized(), unauthorized()];
    globalThis.fetch = jest.fn(async (_url: string, init: RequestInit) => {
      sent.push({ ...(init.headers as Record<string, string>) });
      return answers.shift()!;
    }) as unknown as typeof fetch;
    const asked: boolean[] = [];
    const getToken = async ({ forceRefresh }: { forceRefresh: boolean }) => {
      asked.push(forceRefresh);
      return forceRefresh ? 'fresh' : 'cached';
    };
    const client = new ApiClient({ apiBaseUrl: 'http://api.test', getToken, tenantId: 'globex' });
    await expect(client.me()).resolves.toEqual({ id: 'u-ana' });
    expect(sent.map((headers) => [headers.authorization, headers['x-tenant-id']])).toEqual([
      ['Bearer cached', 'globex'],
      ['Bearer fresh', 'globex'],
    ]);
    // Refused again with the fresh token: the 401 reaches the caller (no loop).
    await expect(client.me()).rejects.toMatchObject({ status: 401 });
    expect(asked).toEqual([false, true, false, true]);
    // A fixed token is never "refreshed": its 401 reaches the caller at once.
    answers.push(unauthorized());
    await expect(new ApiClient({ apiBaseUrl: 'http://api.test', token: 't' }).me()).rejects.toMatchObject({ status: 401 });
    expect(sent).toHaveLength(5);
  });

  it('#15: a change carries an Idempotency-Key and is retried with the same key while its outcome is not known', async () => {
    const keys: string[] = [];
    const answers = [
      new Response(JSON.stringify({ error: { code: 'SERVICE_TIMEOUT', message: 'not known yet' } }), { status: 504 }),
      new Response(JSON.stringify({ error: { code: 'REQUEST_IN_PROGRESS', message: 'still running' } }), { status: 409 }),
      new Response(JSON.stringify({ id: 'c1' }), { status: 201 }),
    ];
    globalThis.fetch = jest.fn(async (_url: string, init: RequestInit) => {
      keys.push((init.headers as Record<string, string>)['idempotency-key']);
      return answers.shift()!;
    }) as unknown as typeof fetch;
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const client = new ApiClient({ apiBaseUrl: 'http://api.test', token: 't' });
      await expect(client.request('POST', '/contacts', { body: { firstName: 'Ana' } })).resolves.toEqual({ id: 'c1' });
    } finally {
      jest.useRealTimers();
    }
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
  });

  it('#15: a refused change is not retried, each action has its own key, and a read carries none', async () => {
    const keys: (string | undefined)[] = [];
    globalThis.fetch = jest.fn(async (_url: string, init: RequestInit) => {
      keys.push((init.headers as Record<string, string>)['idempotency-key']);
      return new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'no', fields: {} } }), { status: 422 });
    }) as unknown as typeof fetch;
    const client = new ApiClient({ apiBaseUrl: 'http://api.test', token: 't' });
    await expect(client.request('POST', '/contacts', { body: {} })).rejects.toMatchObject({ status: 422 });
    await expect(client.request('POST', '/contacts', { body: {} })).rejects.toMatchObject({ status: 422 });
    await expect(client.request('GET', '/contacts')).rejects.toMatchObject({ status: 422 });
    expect(keys).toHaveLength(3);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBeUndefined();
  });

  it('#14: a rate-limited request waits out a short Retry-After and goes again; a long one reaches the caller with the wait', async () => {
    const answers = [
      new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'wait' } }), { status: 429, headers: { 'retry-after': '2' } }),
      new Response(JSON.stringify({ items: [], nextCursor: null }), { status: 200 }),
      new Response(JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'wait' } }), { status: 429, headers: { 'retry-after': '40' } }),
    ];
    const fetched = jest.fn(async () => answers.shift()!);
    globalThis.fetch = fetched as unknown as typeof fetch;
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const client = new ApiClient({ apiBaseUrl: 'http://api.test', token: 't' });
      const first = client.listContacts({});
      await jest.advanceTimersByTimeAsync(2_000);
      await expect(first).resolves.toEqual({ items: [], nextCursor: null });
      await expect(client.listContacts({})).rejects.toMatchObject({ status: 429, retryAfterSeconds: 40 });
    } finally {
      jest.useRealTimers();
    }
    expect(fetched).toHaveBeenCalledTimes(3);
  });

  it('turns a network failure into a status-0 error', async () => {
    globalThis.fetch = jest.fn(async () => {
      throw new TypeError('fetch failed');
    }) as unknown as typeof fetch;
    const error = await new ApiClient({ apiBaseUrl: 'http://api.test', token: 't' }).me().catch((caught: unknown) => caught);
    expect((error as ApiError).status).toBe(0);
  });

  it('F17: a recording link the gateway answers as a path is made absolute against the gateway origin', async () => {
    globalThis.fetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ url: '/api/v1/media/recordings/abc.def', expiresAt: '2026-06-10T10:15:00.000Z' }), { status: 200 }),
    ) as unknown as typeof fetch;
    const link = await new ApiClient({ apiBaseUrl: 'http://api.test:3000', token: 't' }).recordingLink('k1');
    expect(link).toEqual({ url: 'http://api.test:3000/api/v1/media/recordings/abc.def', expiresAt: '2026-06-10T10:15:00.000Z' });
  });

  it('treats 501 Not Implemented as "unavailable" too', () => {
    expect(apiErrorOf(501, null).isUnavailable).toBe(true);
  });
});
