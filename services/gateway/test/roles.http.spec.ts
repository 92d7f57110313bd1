import { uniqueId } from '@conversations/testing';
import { get } from 'node:http';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
interface Operation {
  security?: unknown[];
  'x-required-role'?: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/**
 * What only an admin may do (issue #19): change the dispositions catalogue, rename and delete tags (any
 * member may create one from the tags multi-select, F28), create and change calendars, and everything
 * about webhook endpoints. Written out here, not read from the code: the walk
 * below checks the gateway and its OpenAPI document against this list.
 */
const ADMIN_ROUTES = [
  /^(post) \/api\/v1\/dispositions$/,
  /^(patch|delete) \/api\/v1\/(tags|dispositions)\/\{id\}$/,
  /^(post) \/api\/v1\/calendars$/,
  /^(patch) \/api\/v1\/calendars\/\{id\}$/,
  /^(get|post|patch|delete) \/api\/v1\/webhook-endpoints(\/.*)?$/,
];
const isAdminRoute = (route: string) => ADMIN_ROUTES.some((pattern) => pattern.test(route));

describe('gateway: roles (#19) — every route of the OpenAPI document walked as an agent', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    backend = await startBackend({ appointments: true });
    // Quiet: the services this file does not start answer 503, each logged as an error.
    gateway = await GatewayUnderTest.start(backend, { LOG_LEVEL: 'fatal' });
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  it('#19: an agent gets 403 on exactly the admin routes, and the document marks exactly those', async () => {
    const document = (await gateway.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, Operation>>>;
    };
    // A tenant of its own: whatever a route does with the placeholder ids and empty bodies stays there.
    const tenantId = uniqueId('tenant');
    const agent = { Authorization: `Bearer ${await gateway.token(tenantId, 'u-agent', { claims: { roles: ['agent'] } })}` };
    const admin = { Authorization: `Bearer ${await gateway.token(tenantId, 'u-admin', { claims: { roles: ['admin'] } })}` };
    const placeholderId = '0123456789abcdef01234567';
    const walked: { route: string; agent: number; admin: number; documented: boolean }[] = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations) as [Method, Operation][]) {
        if (!operation.security?.length) continue; // public: health, carrier webhooks, signed media links, local sign-in
        const url = path.replace(/\{[^}]+\}/g, placeholderId);
        const streams = Object.keys(operation.responses['200']?.content ?? {}).includes('text/event-stream');
        const call = (headers: Record<string, string>) =>
          streams
            ? streamStatus(`${gateway.url}${url}`, headers)
            : gateway
                .http()
                [method](url)
                .set(headers)
                .send({})
                .then((response) => response.status);
        walked.push({
          route: `${method} ${path}`,
          agent: await call(agent),
          admin: await call(admin),
          documented: operation['x-required-role'] === 'admin',
        });
      }
    }
    expect(walked.length).toBeGreaterThan(40);
    const mismatches = walked.filter(({ route, agent, admin, documented }) => {
      const adminOnly = isAdminRoute(route);
      // Services this file does not start answer 503 behind the role check: the walk is about who gets past it.
      return adminOnly !== (agent === 403) || adminOnly !== documented || admin === 403;
    });
    expect(mismatches).toEqual([]);
    // Every listed admin route exists (a renamed route must not silently fall out of the walk).
    for (const pattern of ADMIN_ROUTES) expect(walked.some(({ route }) => pattern.test(route))).toBe(true);
  });
});

/** The status of an event-stream route, read from its headers; the stream itself is closed at once. */
function streamStatus(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = get(url, { headers: { ...headers, accept: 'text/event-stream' } }, (response) => {
      resolve(response.statusCode ?? 0);
      request.destroy();
    });
    request.on('error', reject);
  });
}
