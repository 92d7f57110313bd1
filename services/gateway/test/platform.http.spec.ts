import { freePort, spawnService, uniqueId } from '@conversations/testing';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

describe('gateway: docs, limits, health and CORS', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend);
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  describe('OpenAPI', () => {
    it('lists every contacts route with its methods, generated from the controllers', async () => {
      const document = (await gateway.http().get('/api/docs-json').expect(200)).body;
      expect(document.openapi).toMatch(/^3\./);
      const methods = (path: string) => Object.keys(document.paths[path] ?? {}).sort();
      expect(methods('/api/v1/contacts')).toEqual(['get', 'post']);
      expect(methods('/api/v1/contacts/{id}')).toEqual(['delete', 'get', 'patch']);
      expect(methods('/api/v1/contacts/find-or-create')).toEqual(['post']);
      expect(methods('/api/v1/contacts/{id}/tags')).toEqual(['put']);
      expect(methods('/api/v1/contacts/{id}/disposition')).toEqual(['put']);
      expect(methods('/api/v1/contacts/{id}/dnd')).toEqual(['patch']);
      expect(methods('/api/v1/contacts/{id}/assignment')).toEqual(['put']);
      expect(methods('/api/v1/contacts/{contactId}/notes')).toEqual(['get', 'post']);
      expect(methods('/api/v1/contacts/{contactId}/notes/{noteId}')).toEqual(['delete', 'patch']);
      expect(methods('/api/v1/tags')).toEqual(['get', 'post']);
      expect(methods('/api/v1/dispositions/{id}')).toEqual(['delete', 'patch']);
      expect(methods('/api/v1/team-members')).toEqual(['get']);
      expect(methods('/api/v1/me')).toEqual(['get']);
      expect(methods('/api/v1/events')).toEqual(['get']);
      expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('describes request bodies with the contracts DTOs’ validation rules', async () => {
      const document = (await gateway.http().get('/api/docs-json').expect(200)).body;
      const create = document.components.schemas.CreateContactDto;
      expect(create.properties.phone).toMatchObject({ type: 'string', pattern: expect.any(String) });
      expect(create.properties.email).toMatchObject({ type: 'string', format: 'email' });
      expect(create.properties.address).toEqual({ allOf: [{ $ref: '#/components/schemas/AddressDto' }], nullable: true });
      expect(create.properties.timeZone).toMatchObject({ type: 'string' });
      expect(document.components.schemas.UpdateDispositionDto.required).toEqual(['name']);
      const createContact = document.paths['/api/v1/contacts'].post;
      expect(createContact.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateContactDto' });
      expect(createContact.responses['201'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ContactView' });
      expect(createContact.responses['422'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ErrorResponse' });
      const listParameters = document.paths['/api/v1/contacts'].get.parameters.map(
        (parameter: { name: string; in: string }) => `${parameter.in}:${parameter.name}`,
      );
      expect(listParameters.sort()).toEqual(['header:X-Tenant-Id', 'query:cursor', 'query:limit', 'query:pinned', 'query:q']);
      // Every $ref points at a schema that exists.
      const references = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
      expect(references.filter((name) => !document.components.schemas[name])).toEqual([]);
    });

    it('serves Swagger UI at /api/docs without a token', async () => {
      const page = await gateway.http().get('/api/docs').redirects(1).expect(200);
      expect(page.text).toContain('swagger');
    });
  });

  describe('rate limit (#14: never a tenant locked out by one busy user)', () => {
    const tags = (on: GatewayUnderTest, auth: { Authorization: string }) => on.http().get('/api/v1/tags').set(auth);

    it('counts per user: the 6th request of one user is 429 with Retry-After, while the rest of the team works on', async () => {
      const limited = await GatewayUnderTest.start(backend, { RATE_LIMIT_PER_MINUTE: 5 });
      try {
        const tenantId = uniqueId('tenant');
        const busy = await limited.as(tenantId, 'u-one');
        for (let index = 0; index < 5; index++) await tags(limited, busy).expect(200);
        const refused = await limited.http().get('/api/v1/contacts').set(busy).expect(429);
        expect(refused.body).toEqual({
          error: {
            code: 'RATE_LIMITED',
            message: expect.stringMatching(/^Too many requests from you; wait \d+ s/),
            details: { scope: 'user', retryAfterSeconds: expect.any(Number) },
          },
        });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        await tags(limited, await limited.as(tenantId, 'u-two')).expect(200);
        await tags(limited, await limited.as(uniqueId('tenant'), 'u-one')).expect(200);
        // Health probes are never limited.
        await limited.http().get('/health/live').expect(200);
      } finally {
        await limited.stop();
      }
    });

    it('a tenant’s users together stop at the tenant ceiling, which says so; other tenants are unaffected', async () => {
      const limited = await GatewayUnderTest.start(backend, { RATE_LIMIT_PER_MINUTE: 5, RATE_LIMIT_TENANT_PER_MINUTE: 8 });
      try {
        const tenantId = uniqueId('tenant');
        const users = await Promise.all(['u-1', 'u-2', 'u-3'].map((userId) => limited.as(tenantId, userId)));
        for (let index = 0; index < 8; index++) await tags(limited, users[index % 3]).expect(200);
        const refused = await tags(limited, users[2]).expect(429);
        expect(refused.body.error).toMatchObject({
          code: 'RATE_LIMITED',
          message: expect.stringContaining('for this account'),
          details: { scope: 'tenant' },
        });
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
        await tags(limited, await limited.as(uniqueId('tenant'))).expect(200);
      } finally {
        await limited.stop();
      }
    });

    it('with REDIS_URL, replicas share one count (the Redis on this machine)', async () => {
      // Replicas share their configuration, the token secret included.
      const options = { RATE_LIMIT_PER_MINUTE: 5, REDIS_URL: 'redis://127.0.0.1:6379', JWT_SECRET: randomBytes(32).toString('hex') };
      const [first, second] = await Promise.all([GatewayUnderTest.start(backend, options), GatewayUnderTest.start(backend, options)]);
      try {
        const auth = await first.as(uniqueId('tenant'), 'u-one');
        for (let index = 0; index < 5; index++) await tags(index % 2 ? first : second, auth).expect(200);
        await tags(first, auth).expect(429);
        await tags(second, auth).expect(429);
      } finally {
        await Promise.all([first.stop(), second.stop()]);
      }
    });

    it('a Redis that cannot be reached never refuses or holds up a request: each replica counts alone meanwhile', async () => {
      const closedPort = await freePort();
      const limited = await GatewayUnderTest.start(backend, { RATE_LIMIT_PER_MINUTE: 3, REDIS_URL: `redis://127.0.0.1:${closedPort}` });
      try {
        const auth = await limited.as(uniqueId('tenant'));
        for (let index = 0; index < 3; index++) await tags(limited, auth).expect(200);
        await tags(limited, auth).expect(429);
      } finally {
        await limited.stop();
      }
    });
  });

  describe('health', () => {
    it('answers readiness (NATS reachable) and liveness without a token', async () => {
      const ready = await gateway.http().get('/health').expect(200);
      expect(ready.body).toMatchObject({ status: 'ok', info: { nats: { status: 'up' } } });
      await gateway.http().get('/health/live').expect(200, { status: 'ok' });
    });

    it('continues a caller’s W3C trace and answers with its own span in `traceparent`', async () => {
      const traceId = 'c'.repeat(32);
      const traced = await gateway
        .http()
        .get('/health/live')
        .set('traceparent', `00-${traceId}-${'d'.repeat(16)}-01`)
        .expect(200);
      expect(traced.headers.traceparent).toMatch(new RegExp(`^00-${traceId}-(?!d{16})[0-9a-f]{16}-01$`));
      const fresh = await gateway.http().get('/health/live').expect(200);
      expect(fresh.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(fresh.headers.traceparent).not.toContain(traceId);
    });

    it('serves Prometheus metrics per route template and status, outside /api', async () => {
      const auth = await gateway.as(uniqueId('tenant'));
      await gateway.http().get('/api/v1/contacts').set(auth).expect(200);
      await gateway.http().get('/api/v1/contacts/000000000000000000000000').set(auth).expect(404);
      const metrics = (await gateway.http().get('/metrics').expect(200)).text;
      expect(metrics).toMatch(
        /conversations_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/contacts",status="200"\} [1-9]/,
      );
      expect(metrics).toMatch(
        /conversations_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/contacts\/:id",status="404"\} [1-9]/,
      );
      expect(metrics).not.toContain('000000000000000000000000');
    });
  });

  describe('CORS', () => {
    it('allows local origins outside production and nothing else', async () => {
      const local = await gateway
        .http()
        .options('/api/v1/contacts')
        .set('Origin', 'http://localhost:5173')
        .set('Access-Control-Request-Method', 'POST')
        .set('Access-Control-Request-Headers', 'authorization,content-type');
      expect(local.status).toBe(204);
      expect(local.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(local.headers['access-control-allow-headers']).toContain('authorization');
      const foreign = await gateway.http().get('/health/live').set('Origin', 'https://evil.example');
      expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
      const exposed = await gateway.http().get('/health/live').set('Origin', 'http://127.0.0.1:8080');
      expect(exposed.headers['access-control-expose-headers']).toContain('x-request-id');
    });

    it('allows exactly the configured origins when CORS_ORIGINS is set', async () => {
      const configured = await GatewayUnderTest.start(backend, { CORS_ORIGINS: 'https://crm.example.com, https://*.partner.example' });
      try {
        const allowedOrigin = async (origin: string) =>
          (await configured.http().get('/health/live').set('Origin', origin)).headers['access-control-allow-origin'];
        expect(await allowedOrigin('https://crm.example.com')).toBe('https://crm.example.com');
        expect(await allowedOrigin('https://eu.partner.example')).toBe('https://eu.partner.example');
        expect(await allowedOrigin('http://localhost:5173')).toBeUndefined();
        expect(await allowedOrigin('https://crm.example.com.evil.example')).toBeUndefined();
      } finally {
        await configured.stop();
      }
    });
  });

  describe('entry point (src/main.ts)', () => {
    it('boots from the environment, serves, and stops on SIGTERM', async () => {
      const port = await freePort();
      const gatewayProcess = await spawnService('gateway', {
        NATS_URL: backend.natsUrl,
        NATS_NAMESPACE: backend.namespace,
        GATEWAY_PORT: String(port),
        JWT_SECRET: gateway.config.JWT_SECRET as string,
        NODE_ENV: 'test',
      });
      try {
        const url = `http://127.0.0.1:${port}`;
        await request(url).get('/health').expect(200);
        await request(url)
          .get('/api/v1/tags')
          .set(await gateway.as(uniqueId('tenant')))
          .expect(200, []);
      } finally {
        await gatewayProcess.stop('SIGTERM');
      }
      expect(gatewayProcess.child.exitCode ?? gatewayProcess.child.signalCode).not.toBeNull();
    });

    it('refuses to start with a message naming each bad variable', async () => {
      const failure = await spawnService('gateway', { NATS_URL: backend.natsUrl, JWT_SECRET: '', GATEWAY_PORT: 'eighty' }).then(
        () => new Error('started'),
        (error: Error) => error,
      );
      expect(failure.message).toContain('exited with code 1');
      expect(failure.message).toContain('JWT_SECRET');
      expect(failure.message).toContain('GATEWAY_PORT');
    });
  });
});
