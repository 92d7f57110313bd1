/**
 * A fake `fetch` for component tests: answers by "METHOD /path" (query string ignored) and records the
 * calls. Real JSON bodies and statuses, so the panels' real API client and error handling run.
 */
export type FakeRoute = { status?: number; body?: unknown } | ((request: { method: string; path: string; body: unknown }) => { status?: number; body?: unknown });

export function fakeFetch(routes: Record<string, FakeRoute>) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  const fetch = async (url: string, init: RequestInit = {}) => {
    const method = (init.method ?? 'GET').toUpperCase();
    const path = new URL(url).pathname.replace(/^\/api\/v1/, '');
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, path, body });
    const route = routes[`${method} ${path}`];
    const answer = typeof route === 'function' ? route({ method, path, body }) : (route ?? { status: 404, body: { error: { code: 'NOT_FOUND', message: `Cannot ${method} ${path}` } } });
    const status = answer.status ?? 200;
    return { ok: status >= 200 && status < 300, status, text: async () => (answer.body === undefined ? '' : JSON.stringify(answer.body)) } as Response;
  };
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}
