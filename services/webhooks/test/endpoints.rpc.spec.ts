import {
  type Page,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  WebhooksSubjects,
} from '@conversations/contracts';
import { eventually, uniqueId } from '@conversations/testing';
import { domainEvent, WebhooksHarness } from './harness';
import { WebhookReceiver } from './receiver';

describe('webhooks: endpoints over NATS (F33)', () => {
  let harness: WebhooksHarness;
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    harness = await WebhooksHarness.start();
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
    await harness?.stop();
  });

  it('creates, reads, lists by cursor, updates and deletes endpoints', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const first = await harness.createEndpoint(ctx, { url: 'https://crm.example.com/a', eventTypes: ['evt.contacts.created'] });
    const second = await harness.createEndpoint(ctx, { url: 'https://crm.example.com/b', enabled: false, description: ' Billing ' });
    expect(second.endpoint).toMatchObject({ enabled: false, description: 'Billing', eventTypes: null });
    expect(await harness.call(WebhooksSubjects.endpointsGet, ctx, { id: first.endpoint.id })).toEqual(first.endpoint);

    const page = await harness.call<Page<WebhookEndpointView>>(WebhooksSubjects.endpointsList, ctx, { limit: 1 });
    expect(page.items.map((item) => item.id)).toEqual([second.endpoint.id]);
    const rest = await harness.call<Page<WebhookEndpointView>>(WebhooksSubjects.endpointsList, ctx, { limit: 1, cursor: page.nextCursor });
    expect(rest).toEqual({ items: [first.endpoint], nextCursor: null });

    const updated = await harness.call<WebhookEndpointView>(WebhooksSubjects.endpointsUpdate, ctx, {
      id: first.endpoint.id,
      changes: { eventTypes: null, description: 'All of it', url: 'https://crm.example.com/all' },
    });
    expect(updated).toMatchObject({ eventTypes: null, description: 'All of it', url: 'https://crm.example.com/all' });
    expect(await harness.call(WebhooksSubjects.endpointsDelete, ctx, { id: first.endpoint.id })).toEqual({ deleted: true });
    expect(await harness.callError(WebhooksSubjects.endpointsGet, ctx, { id: first.endpoint.id })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad endpoint settings with field-level messages', async () => {
    const ctx = harness.context(uniqueId('tenant'));
    const create = (data: Record<string, unknown>) => harness.callError(WebhooksSubjects.endpointsCreate, ctx, data);
    expect(await create({})).toMatchObject({ code: 'VALIDATION_FAILED', fields: { url: expect.any(Array) } });
    expect(await create({ url: 'not a url' })).toMatchObject({ fields: { url: [expect.stringContaining('https URL')] } });
    expect(await create({ url: 'https://crm.example.com', eventTypes: ['evt.nope'] })).toMatchObject({
      fields: { eventTypes: [expect.stringContaining('each eventTypes entry must be one of')] },
    });
    expect(await create({ url: 'https://crm.example.com', eventTypes: [] })).toMatchObject({
      fields: { eventTypes: [expect.stringContaining('at least one')] },
    });
    expect(await create({ url: 'https://crm.example.com', enabled: 'yes' })).toMatchObject({ fields: { enabled: expect.any(Array) } });
    expect(await create({ url: 'https://crm.example.com', secret: 'whsec_mine' })).toMatchObject({
      fields: { secret: ['secret is not a known field'] },
    });
    const { endpoint } = await harness.createEndpoint(ctx, { url: 'https://crm.example.com' });
    expect(await harness.callError(WebhooksSubjects.endpointsRotateSecret, ctx, { id: endpoint.id, overlapMinutes: -1 })).toMatchObject({
      fields: { overlapMinutes: expect.any(Array) },
    });
    expect(
      await harness.callError(WebhooksSubjects.deliveriesReplay, ctx, {
        endpointId: endpoint.id,
        from: 'yesterday',
        to: '2026-01-01T00:00:00Z',
      }),
    ).toMatchObject({ fields: { from: [expect.stringContaining('ISO 8601')] } });
    expect(
      await harness.callError(WebhooksSubjects.deliveriesReplay, ctx, {
        endpointId: endpoint.id,
        from: '2026-01-02T00:00:00Z',
        to: '2026-01-01T00:00:00Z',
      }),
    ).toMatchObject({ fields: { to: ['to must be after from'] } });
    expect(await harness.callError(WebhooksSubjects.deliveriesList, ctx, { endpointId: endpoint.id, status: 'lost' })).toMatchObject({
      fields: { status: [expect.stringContaining('pending')] },
    });
  });

  it('F36: another tenant can neither see nor change an endpoint or its deliveries', async () => {
    const owner = harness.context(uniqueId('tenant-a'));
    const stranger = harness.context(uniqueId('tenant-b'));
    const { endpoint, secret } = await harness.createEndpoint(owner, { url: receiver.url });
    receiver.secrets = [secret];
    await harness.publish(domainEvent('evt.contacts.created', owner.tenantId));
    const log = await eventually(
      () => harness.call<Page<WebhookDeliveryView>>(WebhooksSubjects.deliveriesList, owner, { endpointId: endpoint.id }),
      (page) => page.items[0]?.status === 'delivered',
    );
    const deliveryId = log.items[0].id;
    const range = { from: '2020-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' };
    for (const [subject, data] of [
      [WebhooksSubjects.endpointsGet, { id: endpoint.id }],
      [WebhooksSubjects.endpointsUpdate, { id: endpoint.id, changes: { url: 'https://evil.example.com' } }],
      [WebhooksSubjects.endpointsDelete, { id: endpoint.id }],
      [WebhooksSubjects.endpointsRotateSecret, { id: endpoint.id }],
      [WebhooksSubjects.endpointsSendTest, { id: endpoint.id }],
      [WebhooksSubjects.deliveriesList, { endpointId: endpoint.id }],
      [WebhooksSubjects.deliveriesGet, { endpointId: endpoint.id, deliveryId }],
      [WebhooksSubjects.deliveriesResend, { endpointId: endpoint.id, deliveryId }],
      [WebhooksSubjects.deliveriesReplay, { endpointId: endpoint.id, ...range }],
    ] as const) {
      expect(await harness.callError(subject, stranger, data)).toMatchObject({ code: 'NOT_FOUND' });
    }
    expect(await harness.call(WebhooksSubjects.endpointsList, stranger, {})).toEqual({ items: [], nextCursor: null });
    // The stranger's own endpoint does not open the owner's deliveries either.
    const theirs = await harness.call<WebhookEndpointWithSecret>(WebhooksSubjects.endpointsCreate, stranger, {
      url: 'https://crm.example.com',
    });
    expect(await harness.callError(WebhooksSubjects.deliveriesGet, stranger, { endpointId: theirs.endpoint.id, deliveryId })).toMatchObject(
      { code: 'NOT_FOUND' },
    );
    expect(await harness.call(WebhooksSubjects.endpointsGet, owner, { id: endpoint.id })).toMatchObject({ url: receiver.url });
  });
});
