import type { TeamMemberView } from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Backend, GatewayUnderTest, seedDemoData, startBackend } from './harness';

describe('gateway: F36 authentication', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    backend = await startBackend();
    await seedDemoData(backend);
    gateway = await GatewayUnderTest.start(backend);
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  const expectUnauthenticated = async (headers: Record<string, string>, messagePart: string | RegExp, path = '/api/v1/contacts') => {
    const response = await gateway.http().get(path).set(headers).expect(401);
    expect(response.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: expect.stringMatching(messagePart) } });
  };

  it('F36: a request without a token answers 401 saying how to send one', async () => {
    await expectUnauthenticated({}, 'Authorization: Bearer');
    await expectUnauthenticated({ Authorization: 'Basic dXNlcjpwYXNz' }, 'must be `Bearer');
    // The query-string token is for the event stream only.
    await expectUnauthenticated({}, 'Sign in first', `/api/v1/contacts?access_token=${await gateway.token('acme', 'u-ana')}`);
  });

  it('F36: an expired token answers 401 saying it expired', async () => {
    const expired = await gateway.token(uniqueId('tenant'), 'u-test', { expiresIn: Math.floor(Date.now() / 1000) - 60 });
    await expectUnauthenticated({ Authorization: `Bearer ${expired}` }, 'expired');
  });

  it('F36: a token signed with another secret answers 401 saying the signature is invalid', async () => {
    const forged = await gateway.token(uniqueId('tenant'), 'u-test', { secret: 'another-secret-that-is-long-enough-000' });
    await expectUnauthenticated({ Authorization: `Bearer ${forged}` }, 'signature');
  });

  it('F36: malformed, unsigned and incomplete tokens answer 401 with the reason', async () => {
    await expectUnauthenticated({ Authorization: 'Bearer not.a.jwt' }, 'malformed');
    await expectUnauthenticated({ Authorization: 'Bearer abc' }, 'malformed');
    const unsigned = new UnsecuredJWT({ tid: 'acme' }).setSubject('u-ana').setExpirationTime('1h').encode();
    await expectUnauthenticated({ Authorization: `Bearer ${unsigned}` }, 'does not accept');
    const secret = new TextEncoder().encode(gateway.config.JWT_SECRET);
    const noTenant = await new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setSubject('u-ana').setExpirationTime('1h').sign(secret);
    await expectUnauthenticated({ Authorization: `Bearer ${noTenant}` }, '`tid`');
    const noExpiry = await new SignJWT({ tid: 'acme' }).setProtectedHeader({ alg: 'HS256' }).setSubject('u-ana').sign(secret);
    await expectUnauthenticated({ Authorization: `Bearer ${noExpiry}` }, '`exp`');
    // A tenant id is a NATS subject token: a wildcard must never get through.
    const wildcard = await gateway.token('*', 'u-ana');
    await expectUnauthenticated({ Authorization: `Bearer ${wildcard}` }, '`tid`');
    await expectUnauthenticated({ Authorization: `Bearer ${await gateway.token('acme.x', 'u-ana')}` }, '`tid`');
  });

  it('F36: the tenant comes from the token only; a tenantId in the body is refused', async () => {
    const response = await gateway
      .http()
      .post('/api/v1/contacts')
      .set(await gateway.as(uniqueId('tenant')))
      .send({ firstName: 'Mine', tenantId: 'acme' })
      .expect(422);
    expect(response.body.error.fields).toEqual({ tenantId: ['tenantId is not a known field'] });
  });

  describe('local sign-in (POST /api/v1/dev/token)', () => {
    it('issues a 12-hour token for a seeded team member that then signs in as them', async () => {
      const response = await gateway.http().post('/api/v1/dev/token').send({ tenantId: 'acme', userId: 'u-ana' }).expect(200);
      expect(response.body).toMatchObject({
        token: expect.any(String),
        tokenType: 'Bearer',
        tenantId: 'acme',
        user: { id: 'u-ana', name: 'Ana Ruiz', role: 'admin' },
      });
      const lifetimeHours = (Date.parse(response.body.expiresAt) - Date.now()) / 3_600_000;
      expect(lifetimeHours).toBeGreaterThan(11.9);
      expect(lifetimeHours).toBeLessThanOrEqual(12);

      const auth = { Authorization: `Bearer ${response.body.token}` };
      const me = (await gateway.http().get('/api/v1/me').set(auth).expect(200)).body as TeamMemberView;
      expect(me).toEqual({
        id: 'u-ana',
        name: 'Ana Ruiz',
        email: 'ana@acme.test',
        phone: '+14155550111',
        timeZone: 'America/Los_Angeles',
        role: 'admin',
      });
      const members = (await gateway.http().get('/api/v1/team-members').set(auth).expect(200)).body as TeamMemberView[];
      expect(members.map((member) => member.id).sort()).toEqual(['u-ana', 'u-ben', 'u-chloe']);
      const seeded = await gateway.http().get('/api/v1/contacts').query({ limit: 5 }).set(auth).expect(200);
      expect(seeded.body.items).toHaveLength(5);

      // F19: assignment to a real team member of the tenant.
      const contactId = seeded.body.items[0].id;
      const assigned = await gateway
        .http()
        .put(`/api/v1/contacts/${contactId}/assignment`)
        .set(auth)
        .send({ type: 'user', userId: 'u-ben' })
        .expect(200);
      expect(assigned.body.assignment).toEqual({ type: 'user', userId: 'u-ben' });
      await gateway.http().put(`/api/v1/contacts/${contactId}/assignment`).set(auth).send({ type: 'user', userId: 'u-dmitri' }).expect(422);
    });

    it('#19: signs a member in with the role of their team record in that tenant: Ana is admin of acme, agent of globex', async () => {
      const signIn = async (tenantId: string) =>
        (await gateway.http().post('/api/v1/dev/token').send({ tenantId, userId: 'u-ana' }).expect(200)).body as {
          token: string;
          user: TeamMemberView;
        };
      const [acme, globex] = [await signIn('acme'), await signIn('globex')];
      expect([acme.user.role, globex.user.role]).toEqual(['admin', 'agent']);
      const createDisposition = (token: string) =>
        gateway
          .http()
          .post('/api/v1/dispositions')
          .set({ Authorization: `Bearer ${token}` })
          .send({ name: uniqueId('Disposition') });
      await createDisposition(acme.token).expect(201);
      await createDisposition(globex.token).expect(403);
      // The same person in both: one user id, and each tenant's own team record.
      const me = await gateway
        .http()
        .get('/api/v1/me')
        .set({ Authorization: `Bearer ${globex.token}` })
        .expect(200);
      expect(me.body).toMatchObject({ id: 'u-ana', role: 'agent' });
    });

    it('answers 404 for a user who is not a member of that tenant', async () => {
      const response = await gateway.http().post('/api/v1/dev/token').send({ tenantId: 'globex', userId: 'u-ben' }).expect(404);
      expect(response.body.error.code).toBe('TEAM_MEMBER_NOT_FOUND');
      await gateway
        .http()
        .post('/api/v1/dev/token')
        .send({ tenantId: uniqueId('tenant'), userId: 'u-ana' })
        .expect(404);
    });

    it('validates its body', async () => {
      const response = await gateway.http().post('/api/v1/dev/token').send({ tenantId: 'ac.me', userId: '', role: 'admin' }).expect(422);
      expect(Object.keys(response.body.error.fields).sort()).toEqual(['role', 'tenantId', 'userId']);
    });

    it('does not exist when NODE_ENV=production', async () => {
      const production = await GatewayUnderTest.start(backend, { NODE_ENV: 'production' });
      try {
        const response = await production.http().post('/api/v1/dev/token').send({ tenantId: 'acme', userId: 'u-ana' }).expect(404);
        expect(response.body.error).toEqual({ code: 'NOT_FOUND', message: 'There is no route POST /api/v1/dev/token' });
      } finally {
        await production.stop();
      }
    });
  });

  describe('tokens of an embedding host (JWKS, RS256)', () => {
    let jwksServer: Server;
    let host: GatewayUnderTest;
    let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
    const hostToken = (claims: { tid?: string; aud?: string; iss?: string } = {}) =>
      new SignJWT({ tid: claims.tid ?? 'acme' })
        .setProtectedHeader({ alg: 'RS256', kid: 'host-key-1' })
        .setSubject('u-ana')
        .setIssuer(claims.iss ?? 'https://crm.example')
        .setAudience(claims.aud ?? 'conversations')
        .setExpirationTime('5m')
        .sign(privateKey);

    beforeAll(async () => {
      const keys = await generateKeyPair('RS256');
      privateKey = keys.privateKey;
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'host-key-1', alg: 'RS256', use: 'sig' };
      jwksServer = createServer((_, response) =>
        response.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })),
      );
      await new Promise<void>((resolve) => jwksServer.listen(0, '127.0.0.1', resolve));
      const jwksUrl = `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`;
      host = await GatewayUnderTest.start(backend, {
        JWT_SECRET: undefined,
        JWT_JWKS_URL: jwksUrl,
        JWT_ISSUER: 'https://crm.example',
        JWT_AUDIENCE: 'conversations',
      });
    });
    afterAll(async () => {
      await host?.stop();
      await new Promise((resolve) => jwksServer?.close(resolve));
    });

    it('F35: accepts the host’s RS256 tokens and refuses wrong audience, issuer or algorithm', async () => {
      const me = await host
        .http()
        .get('/api/v1/me')
        .set({ Authorization: `Bearer ${await hostToken()}` })
        .expect(200);
      expect(me.body.id).toBe('u-ana');
      const wrongAudience = await host
        .http()
        .get('/api/v1/me')
        .set({ Authorization: `Bearer ${await hostToken({ aud: 'other-app' })}` })
        .expect(401);
      expect(wrongAudience.body.error.message).toContain('`aud`');
      await host
        .http()
        .get('/api/v1/me')
        .set({ Authorization: `Bearer ${await hostToken({ iss: 'https://evil.example' })}` })
        .expect(401);
      const symmetric = await host
        .http()
        .get('/api/v1/me')
        .set({ Authorization: `Bearer ${await gateway.token('acme', 'u-ana')}` })
        .expect(401);
      expect(symmetric.body.error.message).toContain('HS256');
      // Without a secret there is no local sign-in.
      await host.http().post('/api/v1/dev/token').send({ tenantId: 'acme', userId: 'u-ana' }).expect(404);
    });
  });
  describe('tokens of an OpenID Connect provider (OIDC_ISSUER: discovery, JWKS, ES256)', () => {
    let providerServer: Server;
    let issuer: string;
    let oidc: GatewayUnderTest;
    let keys: Awaited<ReturnType<typeof generateKeyPair>>;
    let discoveryUp = true;
    const audience = 'conversations-api';
    const providerToken = async (
      claims: Record<string, unknown> = {},
      options: {
        iss?: string;
        aud?: string;
        exp?: number | string;
        nbf?: number | string;
        kid?: string;
        key?: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
      } = {},
    ) => {
      let builder = new SignJWT({
        tenants: [
          { id: 'acme', roles: ['admin'] },
          { id: 'globex', roles: ['agent'] },
        ],
        ...claims,
      })
        .setProtectedHeader({ alg: 'ES256', kid: options.kid ?? 'idp-key-1' })
        .setSubject('u-ana')
        .setIssuer(options.iss ?? issuer)
        .setAudience(options.aud ?? audience)
        .setIssuedAt()
        .setExpirationTime(options.exp ?? '5m');
      if (options.nbf !== undefined) builder = builder.setNotBefore(options.nbf);
      return builder.sign(options.key ?? keys.privateKey);
    };
    const me = async (token: string, tenant?: string) =>
      oidc
        .http()
        .get('/api/v1/me')
        .set({ Authorization: `Bearer ${token}`, ...(tenant ? { 'X-Tenant-Id': tenant } : {}) });

    beforeAll(async () => {
      keys = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'idp-key-1', alg: 'ES256', use: 'sig' };
      providerServer = createServer((request, response) => {
        if (!discoveryUp) return void response.writeHead(503).end();
        response.setHeader('content-type', 'application/json');
        if (request.url === '/.well-known/openid-configuration')
          return void response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, authorization_endpoint: `${issuer}/auth` }));
        if (request.url === '/jwks') return void response.end(JSON.stringify({ keys: [jwk] }));
        response.writeHead(404).end('{}');
      });
      await new Promise<void>((resolve) => providerServer.listen(0, '127.0.0.1', resolve));
      issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
      oidc = await GatewayUnderTest.start(backend, {
        JWT_SECRET: undefined,
        OIDC_ISSUER: issuer,
        JWT_AUDIENCE: audience,
        MEDIA_LINK_SECRET: 'm'.repeat(32),
      });
    });
    afterAll(async () => {
      await oidc?.stop();
      await new Promise((resolve) => providerServer?.close(resolve));
    });

    it('#19: accepts the provider’s token in each of the user’s tenants, named by X-Tenant-Id', async () => {
      const token = await providerToken();
      expect((await me(token, 'acme')).status).toBe(200);
      const inGlobex = await me(token, 'globex');
      expect(inGlobex.status).toBe(200);
      expect(inGlobex.body).toMatchObject({ id: 'u-ana', role: 'agent' });
      // The role is the token's (what the gateway enforces), whatever the team record says: Ana is an admin of acme there.
      const asAgent = await me(await providerToken({ tenants: [{ id: 'acme', roles: ['agent'] }] }));
      expect(asAgent.body).toMatchObject({ id: 'u-ana', role: 'agent' });
      const unnamed = await me(token);
      expect(unnamed.status).toBe(422);
      expect(unnamed.body.error.fields['x-tenant-id'][0]).toContain('X-Tenant-Id');
      const notMine = await me(token, 'initech');
      expect(notMine.status).toBe(403);
      expect(notMine.body.error.code).toBe('FORBIDDEN');
      // The event stream (EventSource sends no headers) names the account in the query, next to the token.
      const streamStatus = (query: string) =>
        new Promise<number>((resolve, reject) => {
          const request = get(`${oidc.url}/api/v1/events?access_token=${token}${query}`, (response) => {
            resolve(response.statusCode ?? 0);
            request.destroy();
          });
          request.on('error', reject);
        });
      expect([await streamStatus('&tenant=globex'), await streamStatus(''), await streamStatus('&tenant=initech')]).toEqual([
        200, 422, 403,
      ]);
    });

    it('#19: refuses every token fault with the reason: expired, not yet valid, wrong audience, wrong issuer, unknown key, none, HS256', async () => {
      const refused = async (token: string, reason: RegExp) => {
        const response = await me(token, 'acme');
        expect({ status: response.status, message: response.body.error?.message }).toEqual({
          status: 401,
          message: expect.stringMatching(reason),
        });
      };
      const now = Math.floor(Date.now() / 1000);
      await refused(await providerToken({}, { exp: now - 120 }), /expired/);
      await refused(await providerToken({}, { nbf: now + 600 }), /not valid yet/);
      await refused(await providerToken({}, { aud: 'another-api' }), /`aud`/);
      await refused(await providerToken({}, { iss: 'https://evil.example' }), /`iss`/);
      const stranger = await generateKeyPair('ES256');
      await refused(await providerToken({}, { kid: 'idp-key-2', key: stranger.privateKey }), /key this API does not know/);
      await refused(await providerToken({}, { key: stranger.privateKey }), /signature is invalid/);
      const unsigned = new UnsecuredJWT({ tid: 'acme' })
        .setSubject('u-ana')
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('5m')
        .encode();
      await refused(unsigned, /signed with none/);
      // HS256 "signed" with anything is refused when the gateway holds no secret (no algorithm confusion).
      const symmetric = await new SignJWT({ tid: 'acme' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('u-ana')
        .setIssuer(issuer)
        .setAudience(audience)
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(JSON.stringify(await exportJWK(keys.publicKey))));
      await refused(symmetric, /HS256/);
      // A small clock skew is tolerated (AUTH_CLOCK_SKEW_SECONDS, 30 s by default).
      expect((await me(await providerToken({}, { exp: now - 5 }), 'acme')).status).toBe(200);
    });

    it('#19: an agent gets 403 on an admin route, an admin does not', async () => {
      const agent = await providerToken({ tenants: [{ id: uniqueId('tenant'), roles: ['agent'] }] });
      const refused = await oidc
        .http()
        .post('/api/v1/dispositions')
        .set({ Authorization: `Bearer ${agent}` })
        .send({ name: 'Nope' })
        .expect(403);
      expect(refused.body.error).toEqual({ code: 'FORBIDDEN', message: expect.stringContaining('admin role') });
      const admin = await providerToken({ tenants: [{ id: uniqueId('tenant'), roles: ['admin'] }] });
      await oidc
        .http()
        .post('/api/v1/dispositions')
        .set({ Authorization: `Bearer ${admin}` })
        .send({ name: 'Yes' })
        .expect(201);
    });

    it('#19: answers 503 while the provider cannot be reached, and works again once it can', async () => {
      const fresh = await GatewayUnderTest.start(backend, {
        JWT_SECRET: undefined,
        OIDC_ISSUER: issuer,
        JWT_AUDIENCE: audience,
        MEDIA_LINK_SECRET: 'm'.repeat(32),
      });
      try {
        discoveryUp = false;
        const down = await fresh
          .http()
          .get('/api/v1/me')
          .set({ Authorization: `Bearer ${await providerToken()}`, 'X-Tenant-Id': 'acme' });
        expect(down.status).toBe(503);
        discoveryUp = true;
        await fresh
          .http()
          .get('/api/v1/me')
          .set({ Authorization: `Bearer ${await providerToken()}`, 'X-Tenant-Id': 'acme' })
          .expect(200);
      } finally {
        discoveryUp = true;
        await fresh.stop();
      }
    });
  });
});
