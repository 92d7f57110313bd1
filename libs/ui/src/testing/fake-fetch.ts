/**
 * A fake `fetch` for component tests: answers by "METHOD /path" (query string not part of the match, but
 * handed to function routes and recorded) and records the calls. Real JSON bodies and statuses, so the
 * panels' real API client and error handling run.
 */
export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}
export interface FakeAnswer {
  status?: number;
  body?: unknown;
  /** Response headers, e.g. a 429's `retry-after`. */
  headers?: Record<string, string>;
}
export type FakeRoute = FakeAnswer | ((request: FakeRequest) => FakeAnswer);

export function fakeFetch(routes: Record<string, FakeRoute>) {
  const calls: FakeRequest[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/^\/api\/v1/, '');
    const query = Object.fromEntries(parsed.searchParams);
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const request = { method, path, query, body };
    calls.push(request);
    const route = routes[`${method} ${path}`];
    const answer: FakeAnswer =
      typeof route === 'function'
        ? route(request)
        : (route ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: `Cannot ${method} ${path}` } } });
    const status = answer.status ?? 200;
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: new Headers(answer.headers),
      text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)),
    } as Response;
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}
