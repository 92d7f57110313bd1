import {
  type Page,
  WEBHOOK_EVENT_TYPES,
  type WebhookDeliveryView,
  type WebhookEndpointView,
  type WebhookEndpointWithSecret,
  WebhookEventTypes,
  WebhooksSubjects,
} from '@conversations/contracts';
import { eventually, uniqueId } from '@conversations/testing';
import { Webhook } from 'standardwebhooks';
import { domainEvent, WebhooksHarness } from './harness';
import { WebhookReceiver } from './receiver';

describe('webhooks: signed deliveries, retries, resend and replay (F33)', () => {
  let harness: WebhooksHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    harness = await WebhooksHarness.start({ WEBHOOK_DISABLE_AFTER_MS: 300, WEBHOOK_DISABLE_AFTER_FAILURES: 30 });
    receiver = await WebhookReceiver.start();
  });
  afterAll(async () => {
    await receiver?.close();
    await harness?.stop();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.secrets = [];
    receiver.failNext(0);
  });

  async function tenantWithEndpoint(data: Record<string, unknown> = {}, target = receiver) {
    const ctx = harness.context(uniqueId('tenant'));
    const created = await harness.createEndpoint(ctx, { url: target.url, ...data });
    target.secrets.push(created.secret);
    return { ctx, ...created };
  }

  const deliveries = (ctx: ReturnType<WebhooksHarness['context']>, endpointId: string, query: Record<string, unknown> = {}) =>
    harness.call<Page<WebhookDeliveryView>>(WebhooksSubjects.deliveriesList, ctx, { endpointId, ...query });

  it('F33: an event of every type arrives once, signed by the Standard Webhooks scheme, with the event as body', async () => {
    const { ctx, endpoint, secret } = await tenantWithEndpoint({ description: 'CRM sync' });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ url: receiver.url, eventTypes: null, enabled: true, description: 'CRM sync', failingSince: null });
    expect(endpoint).not.toHaveProperty('secret');

    const events = WEBHOOK_EVENT_TYPES.map((type) => domainEvent(type, ctx.tenantId));
    for (const event of events) await harness.publish(event);
    const received = await receiver.waitFor(events.length);
    expect(received.map((webhook) => webhook.payload.type).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const webhook of received) {
      const event = events.find((candidate) => candidate.id === webhook.payload.id)!;
      expect(webhook.id).toBe(event.id);
      expect(webhook.signature).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
      expect(Math.abs(Number(webhook.timestamp) - Date.now() / 1000)).toBeLessThan(60);
      expect(webhook.payload).toEqual({
        id: event.id,
        type: event.type,
        occurredAt: event.occurredAt,
        tenantId: ctx.tenantId,
        actor: event.actor,
        data: event.data,
      });
    }
    // A receiver with another secret rejects them: the signature is really checked.
    expect(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 1).toString('base64')}`).verify(received[0].body, received[0].headers as never),
    ).toThrow();

    const log = await eventually(
      () => deliveries(ctx, endpoint.id, { limit: 100 }),
      (page) => page.items.length === events.length && page.items.every((item) => item.status === 'delivered'),
    );
    expect(log.items[0]).toMatchObject({ status: 'delivered', attemptCount: 1, origin: 'event', nextAttemptAt: null });
    expect(log.items[0].attempts).toEqual([
      expect.objectContaining({
        statusCode: 200,
        error: null,
        responseBody: '{"ok":true}',
        url: receiver.url,
        durationMs: expect.any(Number),
      }),
    ]);
  });

  it('F33: an endpoint receives only the event types it subscribed to; other tenants’ events never', async () => {
    const { ctx } = await tenantWithEndpoint({ eventTypes: ['evt.contacts.created', 'evt.calls.updated'] });
    const other = harness.context(uniqueId('tenant'));
    await harness.publish(domainEvent('evt.contacts.updated', ctx.tenantId));
    await harness.publish(domainEvent('evt.contacts.created', other.tenantId));
    await harness.publish(domainEvent('evt.messaging.message-queued', ctx.tenantId));
    await harness.publish(domainEvent('evt.calls.updated', ctx.tenantId));
    await harness.publish(domainEvent('evt.contacts.created', ctx.tenantId));
    const received = await receiver.waitFor(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Events are fanned out concurrently: the order between two events is not promised.
    expect(received.map((webhook) => [webhook.payload.type, webhook.payload.tenantId]).sort()).toEqual([
      ['evt.calls.updated', ctx.tenantId],
      ['evt.contacts.created', ctx.tenantId],
    ]);
  });

  it('F33: a receiver down for several attempts, then up, gets every event; retries back off and are logged', async () => {
    const { ctx, endpoint } = await tenantWithEndpoint();
    receiver.failNext(5 * 4);
    const events = Array.from({ length: 5 }, (_, index) => domainEvent('evt.contacts.updated', ctx.tenantId, { index }));
    for (const event of events) await harness.publish(event);
    await receiver.waitFor(5, 20_000);
    expect(receiver.eventIds()).toEqual(new Set(events.map((event) => event.id)));

    const log = await eventually(
      () => deliveries(ctx, endpoint.id),
      (page) => page.items.length === 5 && page.items.every((item) => item.status === 'delivered'),
    );
    const attempts = log.items.flatMap((item) => item.attempts);
    expect(attempts.filter((attempt) => attempt.statusCode === 503)).toHaveLength(20);
    expect(attempts.find((attempt) => attempt.statusCode === 503)).toMatchObject({
      error: 'the receiver answered 503',
      responseBody: 'down for maintenance',
    });
    for (const item of log.items) {
      const times = item.attempts.map((attempt) => Date.parse(attempt.at));
      // Each wait at least the schedule's jittered minimum (80 % of 100 ms, 200 ms, …).
      for (let index = 1; index < times.length; index++) expect(times[index] - times[index - 1]).toBeGreaterThanOrEqual(75);
    }
    // Failures then a success: the endpoint is healthy again.
    const healed = await harness.call<WebhookEndpointView>(WebhooksSubjects.endpointsGet, ctx, { id: endpoint.id });
    expect(healed).toMatchObject({ enabled: true, failingSince: null, consecutiveFailures: 0 });
  });

  it('F33: rotating the secret signs with both secrets during the overlap, so either verifies', async () => {
    const { ctx, endpoint, secret: first } = await tenantWithEndpoint();
    const rotated = await harness.call<WebhookEndpointWithSecret>(WebhooksSubjects.endpointsRotateSecret, ctx, { id: endpoint.id });
    expect(rotated.secret).not.toBe(first);
    expect(Date.parse(rotated.endpoint.previousSecretExpiresAt!) - Date.now()).toBeGreaterThan(23 * 3600_000);

    const oldOnly = await WebhookReceiver.start();
    const newOnly = await WebhookReceiver.start();
    try {
      oldOnly.secrets = [first];
      newOnly.secrets = [rotated.secret];
      await harness.publish(domainEvent('evt.contacts.created', ctx.tenantId));
      const [webhook] = await receiver.waitFor(1);
      expect(webhook.signature.split(' ')).toHaveLength(2);
      // The same request, verified by a receiver that knows only one of the two secrets.
      expect(() => new Webhook(first).verify(webhook.body, webhook.headers as never)).not.toThrow();
      expect(() => new Webhook(rotated.secret).verify(webhook.body, webhook.headers as never)).not.toThrow();

      // Rotating with no overlap: the old secret stops signing at once.
      const again = await harness.call<WebhookEndpointWithSecret>(WebhooksSubjects.endpointsRotateSecret, ctx, {
        id: endpoint.id,
        overlapMinutes: 0,
      });
      expect(again.endpoint.previousSecretExpiresAt).toBeNull();
      receiver.received.length = 0;
      receiver.secrets = [again.secret];
      await harness.publish(domainEvent('evt.contacts.updated', ctx.tenantId));
      const [next] = await receiver.waitFor(1);
      expect(next.signature.split(' ')).toHaveLength(1);
      expect(() => new Webhook(rotated.secret).verify(next.body, next.headers as never)).toThrow();
    } finally {
      await oldOnly.close();
      await newOnly.close();
    }
  });

  it('F33: resending one delivery delivers it again with the same webhook-id; a replay delivers a time range again', async () => {
    const { ctx, endpoint } = await tenantWithEndpoint({ eventTypes: ['evt.contacts.created', 'evt.contacts.updated'] });
    const before = new Date(Date.now() - 1000).toISOString();
    const events = [
      domainEvent('evt.contacts.created', ctx.tenantId),
      domainEvent('evt.contacts.updated', ctx.tenantId),
      domainEvent('evt.calls.created', ctx.tenantId),
    ];
    for (const event of events) await harness.publish(event);
    await receiver.waitFor(2);
    const log = await eventually(
      () => deliveries(ctx, endpoint.id),
      (page) => page.items.length === 2 && page.items.every((item) => item.status === 'delivered'),
    );

    receiver.received.length = 0;
    const resent = await harness.call<WebhookDeliveryView>(WebhooksSubjects.deliveriesResend, ctx, {
      endpointId: endpoint.id,
      deliveryId: log.items[0].id,
    });
    expect(resent).toMatchObject({ id: log.items[0].id, status: 'pending' });
    const [again] = await receiver.waitFor(1);
    expect(again.id).toBe(log.items[0].eventId);
    const afterResend = await eventually(
      () =>
        harness.call<WebhookDeliveryView>(WebhooksSubjects.deliveriesGet, ctx, { endpointId: endpoint.id, deliveryId: log.items[0].id }),
      (delivery) => delivery.status === 'delivered' && delivery.attempts.length === 2,
    );
    expect(afterResend.attempts.map((attempt) => attempt.statusCode)).toEqual([200, 200]);

    receiver.received.length = 0;
    const replayed = await harness.call<{ deliveries: number }>(WebhooksSubjects.deliveriesReplay, ctx, {
      endpointId: endpoint.id,
      from: before,
      to: new Date(Date.now() + 1000).toISOString(),
    });
    // The calls event is kept too, but this endpoint does not subscribe to it.
    expect(replayed).toEqual({ deliveries: 2 });
    await receiver.waitFor(2);
    expect(receiver.eventIds()).toEqual(new Set([events[0].id, events[1].id]));
    const withReplays = await eventually(
      () => deliveries(ctx, endpoint.id),
      (page) => page.items.length === 4 && page.items.every((item) => item.status === 'delivered'),
    );
    expect(withReplays.items.filter((item) => item.origin === 'replay')).toHaveLength(2);
    // An empty range replays nothing.
    expect(
      await harness.call(WebhooksSubjects.deliveriesReplay, ctx, {
        endpointId: endpoint.id,
        from: '2020-01-01T00:00:00Z',
        to: '2020-01-02T00:00:00Z',
      }),
    ).toEqual({ deliveries: 0 });
  });

  it('F33: "send test event" delivers a signed webhook.test to the endpoint', async () => {
    const { ctx, endpoint } = await tenantWithEndpoint();
    const delivery = await harness.call<WebhookDeliveryView>(WebhooksSubjects.endpointsSendTest, ctx, { id: endpoint.id });
    expect(delivery).toMatchObject({ eventType: 'webhook.test', origin: 'test', status: 'pending' });
    const [webhook] = await receiver.waitFor(1);
    expect(webhook.payload).toMatchObject({ type: 'webhook.test', tenantId: ctx.tenantId, data: { endpointId: endpoint.id } });
  });

  it('F33: an endpoint failing continuously is disabled with evt.webhooks.endpoint-disabled, then receives nothing', async () => {
    const failing = await WebhookReceiver.start();
    try {
      const { ctx, endpoint } = await tenantWithEndpoint({}, failing);
      const watch = await harness.watchEvents(ctx.tenantId);
      failing.failNext(10_000, 500);
      for (let index = 0; index < 10; index++) await harness.publish(domainEvent('evt.contacts.created', ctx.tenantId, { index }));
      const disabled = await eventually(
        () => harness.call<WebhookEndpointView>(WebhooksSubjects.endpointsGet, ctx, { id: endpoint.id }),
        (view) => !view.enabled,
        15_000,
      );
      expect(disabled).toMatchObject({ enabled: false, disabledReason: expect.stringContaining('Disabled automatically') });
      expect(disabled.consecutiveFailures).toBeGreaterThanOrEqual(30);
      const events = await eventually(
        () => watch.events.filter((event) => event.type === WebhookEventTypes.endpointDisabled),
        (found) => found.length === 1,
      );
      await watch.stop();
      expect(events[0]).toMatchObject({
        tenantId: ctx.tenantId,
        actor: { system: 'webhooks' },
        data: { endpointId: endpoint.id, url: failing.url },
      });

      // The pending delivery is cancelled, not sent; new events make no delivery.
      const log = await eventually(
        () => deliveries(ctx, endpoint.id),
        (page) => page.items.every((item) => item.status === 'cancelled'),
      );
      expect(log.items[0].attempts.at(-1)).toMatchObject({ error: 'not sent: the endpoint is disabled' });
      const requests = failing.requests;
      await harness.publish(domainEvent('evt.contacts.updated', ctx.tenantId));
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(failing.requests).toBe(requests);
      expect((await deliveries(ctx, endpoint.id)).items).toHaveLength(10);

      // Enabled again by a person: the notice clears.
      const enabled = await harness.call<WebhookEndpointView>(WebhooksSubjects.endpointsUpdate, ctx, {
        id: endpoint.id,
        changes: { enabled: true },
      });
      expect(enabled).toMatchObject({ enabled: true, disabledReason: null, disabledAt: null, failingSince: null, consecutiveFailures: 0 });
    } finally {
      await failing.close();
    }
  });
});
