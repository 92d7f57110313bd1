import type { Page, WebhookDeliveryView, WebhookEndpointView, WebhookEndpointWithSecret } from '@conversations/contracts';
import { spawnService, testServiceConfig, uniqueId, type ServiceProcess } from '@conversations/testing';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { eventually, GatewayUnderTest } from './harness';

/** A tenant's system on 127.0.0.1 verifying each webhook with the `standardwebhooks` package. */
class Receiver {
  readonly verified: Array<{ id: string; payload: { type: string; tenantId: string } }> = [];
  secret = '';
  url = '';
  private readonly server: Server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => this.handle(request.headers, body, response));
  });

  static async start(): Promise<Receiver> {
    const receiver = new Receiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    receiver.url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
    return receiver;
  }

  private handle(headers: IncomingHttpHeaders, body: string, response: ServerResponse): void {
    try {
      new Webhook(this.secret).verify(body, Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)])));
    } catch {
      response.writeHead(401).end();
      return;
    }
    this.verified.push({ id: String(headers['webhook-id']), payload: JSON.parse(body) });
    response.writeHead(204).end();
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('gateway: webhook endpoints (F33)', () => {
  let webhooks: ServiceProcess;
  let gateway: GatewayUnderTest;
  let receiver: Receiver;
  let tenantA: { Authorization: string };
  let tenantB: { Authorization: string };

  beforeAll(async () => {
    const base = testServiceConfig();
    [webhooks, receiver] = await Promise.all([
      spawnService(
        'webhooks',
        {
          MONGO_URL: base.MONGO_URL,
          NATS_URL: base.NATS_URL,
          NATS_NAMESPACE: base.NATS_NAMESPACE,
          MONGO_DB: uniqueId('gateway_webhooks'),
          NODE_ENV: 'test',
          WEBHOOK_DISPATCH_SWEEP_MS: '100',
        },
        { echo: !!process.env.ECHO_SERVICES },
      ),
      Receiver.start(),
    ]);
    gateway = await GatewayUnderTest.start({ natsUrl: base.NATS_URL, namespace: base.NATS_NAMESPACE });
    tenantA = await gateway.as(uniqueId('tenant-a'));
    tenantB = await gateway.as(uniqueId('tenant-b'));
  });
  afterAll(async () => {
    await gateway?.stop();
    await webhooks?.stop();
    await receiver?.close();
  });

  const http = () => gateway.http();

  it('F33: creates an endpoint (secret shown once), lists by cursor, updates, rotates, sends a test event, resends, replays, deletes', async () => {
    const created = (
      await http().post('/api/v1/webhook-endpoints').set(tenantA).send({ url: receiver.url, description: 'CRM' }).expect(201)
    ).body as WebhookEndpointWithSecret;
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.endpoint).toMatchObject({ url: receiver.url, enabled: true, eventTypes: null, description: 'CRM' });
    receiver.secret = created.secret;
    const id = created.endpoint.id;

    const fetched = (await http().get(`/api/v1/webhook-endpoints/${id}`).set(tenantA).expect(200)).body;
    expect(fetched).toEqual(created.endpoint);
    expect(JSON.stringify(fetched)).not.toContain('whsec_');
    const second = (
      await http()
        .post('/api/v1/webhook-endpoints')
        .set(tenantA)
        .send({ url: 'https://crm.example.com/hooks', eventTypes: ['evt.contacts.created'], enabled: false })
        .expect(201)
    ).body as WebhookEndpointWithSecret;
    const firstPage = (await http().get('/api/v1/webhook-endpoints?limit=1').set(tenantA).expect(200)).body as Page<WebhookEndpointView>;
    expect(firstPage.items.map((item) => item.id)).toEqual([second.endpoint.id]);
    const nextPage = (await http().get(`/api/v1/webhook-endpoints?limit=1&cursor=${firstPage.nextCursor}`).set(tenantA).expect(200))
      .body as Page<WebhookEndpointView>;
    expect(nextPage).toEqual({ items: [created.endpoint], nextCursor: null });

    const updated = (
      await http().patch(`/api/v1/webhook-endpoints/${second.endpoint.id}`).set(tenantA).send({ description: 'Billing' }).expect(200)
    ).body;
    expect(updated).toMatchObject({ description: 'Billing', enabled: false });

    // Two test events: the delivery log pages by cursor.
    for (let index = 0; index < 2; index++) {
      const test = (await http().post(`/api/v1/webhook-endpoints/${id}/test`).set(tenantA).expect(202)).body as WebhookDeliveryView;
      expect(test).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
    }
    await eventually(
      () => receiver.verified.length,
      (count) => count === 2,
      10_000,
    );
    const deliveries = await eventually(
      async () => (await http().get(`/api/v1/webhook-endpoints/${id}/deliveries?limit=1`).set(tenantA).expect(200)).body,
      (page: Page<WebhookDeliveryView>) => page.items[0]?.status === 'delivered',
    );
    expect(deliveries.nextCursor).toEqual(expect.any(String));
    const older = (
      await http().get(`/api/v1/webhook-endpoints/${id}/deliveries?limit=1&cursor=${deliveries.nextCursor}`).set(tenantA).expect(200)
    ).body as Page<WebhookDeliveryView>;
    expect(older.items).toHaveLength(1);
    expect(older.items[0].id).not.toBe(deliveries.items[0].id);
    const delivered = (await http().get(`/api/v1/webhook-endpoints/${id}/deliveries?status=delivered`).set(tenantA).expect(200)).body;
    expect(delivered.items).toHaveLength(2);
    expect(delivered.items[0].attempts[0]).toMatchObject({ statusCode: 204, error: null });

    const resent = (await http().post(`/api/v1/webhook-endpoints/${id}/deliveries/${older.items[0].id}/resend`).set(tenantA).expect(202))
      .body;
    expect(resent).toMatchObject({ id: older.items[0].id, status: 'pending' });
    await eventually(
      () => receiver.verified.length,
      (count) => count === 3,
    );
    expect(receiver.verified[2].id).toBe(older.items[0].eventId);

    // Test events are not kept: a replay of the last minute finds no events.
    const replay = (
      await http()
        .post(`/api/v1/webhook-endpoints/${id}/replay`)
        .set(tenantA)
        .send({ from: new Date(Date.now() - 60_000).toISOString(), to: new Date().toISOString() })
        .expect(202)
    ).body;
    expect(replay).toEqual({ deliveries: 0 });

    const rotated = (await http().post(`/api/v1/webhook-endpoints/${id}/rotate-secret`).set(tenantA).send({}).expect(200))
      .body as WebhookEndpointWithSecret;
    expect(rotated.secret).not.toBe(created.secret);
    expect(rotated.endpoint.previousSecretExpiresAt).toEqual(expect.any(String));

    expect((await http().get('/api/v1/webhook-event-types').set(tenantA).expect(200)).body).toContain('evt.contacts.created');

    await http().delete(`/api/v1/webhook-endpoints/${second.endpoint.id}`).set(tenantA).expect(204);
    await http().get(`/api/v1/webhook-endpoints/${second.endpoint.id}`).set(tenantA).expect(404);
  });

  it('answers bad input with field-level messages, and an id that cannot be one with 404', async () => {
    const invalid = async (method: 'post' | 'patch' | 'get', path: string, body?: unknown) => {
      const request = http()[method](path).set(tenantA);
      const response = await (body === undefined ? request : request.send(body as object));
      expect(response.status).toBe(422);
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      return response.body.error.fields as Record<string, string[]>;
    };
    expect(await invalid('post', '/api/v1/webhook-endpoints', {})).toMatchObject({ url: expect.any(Array) });
    expect(await invalid('post', '/api/v1/webhook-endpoints', { url: 'ftp://crm.example.com' })).toMatchObject({
      url: [expect.stringContaining('https URL')],
    });
    expect(await invalid('post', '/api/v1/webhook-endpoints', { url: 'https://10.0.0.1/hooks' })).toMatchObject({
      url: [expect.stringContaining('private')],
    });
    expect(await invalid('post', '/api/v1/webhook-endpoints', { url: 'https://crm.example.com', eventTypes: ['evt.nope'] })).toMatchObject({
      eventTypes: [expect.stringContaining('must be one of')],
    });
    expect(await invalid('post', '/api/v1/webhook-endpoints', { url: 'https://crm.example.com', secret: 'mine' })).toEqual({
      secret: ['secret is not a known field'],
    });
    expect(await invalid('get', '/api/v1/webhook-endpoints?limit=0')).toMatchObject({ limit: expect.any(Array) });
    const { endpoint } = (await http().post('/api/v1/webhook-endpoints').set(tenantA).send({ url: 'https://crm.example.com' }).expect(201))
      .body as WebhookEndpointWithSecret;
    expect(await invalid('patch', `/api/v1/webhook-endpoints/${endpoint.id}`, { enabled: 'sometimes' })).toMatchObject({
      enabled: expect.any(Array),
    });
    expect(await invalid('post', `/api/v1/webhook-endpoints/${endpoint.id}/replay`, { from: 'yesterday' })).toMatchObject({
      from: [expect.stringContaining('ISO 8601')],
      to: expect.any(Array),
    });
    expect(await invalid('post', `/api/v1/webhook-endpoints/${endpoint.id}/rotate-secret`, { overlapMinutes: 99_999 })).toMatchObject({
      overlapMinutes: expect.any(Array),
    });
    expect(await invalid('get', `/api/v1/webhook-endpoints/${endpoint.id}/deliveries?status=lost`)).toMatchObject({
      status: expect.any(Array),
    });
    expect((await http().get('/api/v1/webhook-endpoints/not-an-id').set(tenantA).expect(404)).body.error.code).toBe('NOT_FOUND');
    await http().post(`/api/v1/webhook-endpoints/${endpoint.id}/deliveries/nope/resend`).set(tenantA).expect(404);
    await http().get('/api/v1/webhook-endpoints').expect(401);
  });

  it('F36: tenant B can neither list, read nor change tenant A’s endpoints or deliveries', async () => {
    const { endpoint } = (await http().post('/api/v1/webhook-endpoints').set(tenantA).send({ url: receiver.url }).expect(201))
      .body as WebhookEndpointWithSecret;
    const delivery = (await http().post(`/api/v1/webhook-endpoints/${endpoint.id}/test`).set(tenantA).expect(202))
      .body as WebhookDeliveryView;
    const base = `/api/v1/webhook-endpoints/${endpoint.id}`;
    const range = { from: '2020-01-01T00:00:00Z', to: '2030-01-01T00:00:00Z' };
    for (const [method, path, body] of [
      ['get', base, undefined],
      ['patch', base, { url: 'https://evil.example.com/hooks' }],
      ['delete', base, undefined],
      ['post', `${base}/rotate-secret`, {}],
      ['post', `${base}/test`, undefined],
      ['get', `${base}/deliveries`, undefined],
      ['get', `${base}/deliveries/${delivery.id}`, undefined],
      ['post', `${base}/deliveries/${delivery.id}/resend`, undefined],
      ['post', `${base}/replay`, range],
    ] as const) {
      const request = http()[method](path).set(tenantB);
      const response = await (body === undefined ? request : request.send(body));
      expect([method, path, response.status]).toEqual([method, path, 404]);
    }
    expect((await http().get('/api/v1/webhook-endpoints').set(tenantB).expect(200)).body).toEqual({ items: [], nextCursor: null });
    expect((await http().get(base).set(tenantA).expect(200)).body).toMatchObject({ url: receiver.url });
  });

  it('documents every route in OpenAPI, apart from the carrier’s own /webhooks/plivo routes', async () => {
    const document = (await http().get('/api/docs-json').expect(200)).body;
    for (const path of [
      '/api/v1/webhook-endpoints',
      '/api/v1/webhook-endpoints/{id}',
      '/api/v1/webhook-endpoints/{id}/rotate-secret',
      '/api/v1/webhook-endpoints/{id}/test',
      '/api/v1/webhook-endpoints/{id}/deliveries',
      '/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}',
      '/api/v1/webhook-endpoints/{id}/deliveries/{deliveryId}/resend',
      '/api/v1/webhook-endpoints/{id}/replay',
      '/api/v1/webhook-event-types',
    ]) {
      expect([path, document.paths[path]]).toEqual([path, expect.any(Object)]);
    }
    // The carrier's inbound webhooks keep their own prefix: nothing of ours is under /webhooks, and they still answer there.
    expect(Object.keys(document.paths).filter((path) => path.startsWith('/api/v1/webhooks'))).toEqual([]);
    const carrier = await http().post('/api/v1/webhooks/plivo/message-status').type('form').send({ MessageUUID: 'x' });
    expect(carrier.status).not.toBe(404);
    const create = document.paths['/api/v1/webhook-endpoints'].post;
    expect(create.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CreateWebhookEndpointDto' });
    expect(create.responses['201'].content['application/json'].schema.properties.secret).toBeDefined();
    const references = [...JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((match) => match[1]);
    expect(references.filter((name) => !document.components.schemas[name])).toEqual([]);
  });
});
