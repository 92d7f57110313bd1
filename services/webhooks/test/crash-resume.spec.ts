import { type Page, type WebhookDeliveryView, type WebhookEndpointWithSecret, WebhooksSubjects } from '@conversations/contracts';
import { eventually, RpcTestClient, spawnService, uniqueId, type ServiceProcess } from '@conversations/testing';
import { domainEvent, environmentOf, publishEvent, webhooksTestConfig } from './harness';
import { WebhookReceiver } from './receiver';

/**
 * The real service process, killed with SIGKILL while a receiver holds its request open: the claimed
 * delivery's lease runs out and the next process delivers it, and the events published while no process
 * ran wait in the durable consumer. Nothing is lost.
 */
describe('webhooks: killed mid-delivery, the service resumes and delivers (F33)', () => {
  const config = webhooksTestConfig({ WEBHOOK_LEASE_MS: 2_000, WEBHOOK_REQUEST_TIMEOUT_MS: 1_500, WEBHOOK_DISPATCH_SWEEP_MS: 200 });
  let client: RpcTestClient & { stop?: () => Promise<void> };
  let receiver: WebhookReceiver;
  let service: ServiceProcess | undefined;

  class Client extends RpcTestClient {
    static async open(): Promise<Client> {
      const { client, nats } = await RpcTestClient.connectClient(config);
      return new Client(client, nats, config.NATS_NAMESPACE);
    }
    close() {
      return this.closeClient();
    }
  }

  const start = () => spawnService('webhooks', environmentOf(config), { echo: !!process.env.ECHO_SERVICES });

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    client = await Client.open();
    service = await start();
  });
  afterAll(async () => {
    await service?.stop();
    await (client as Client | undefined)?.close();
    await receiver?.close();
  });

  it('F33: a delivery in flight when the process is SIGKILLed is delivered by the next process; so are the events meanwhile', async () => {
    const ctx = client.context(uniqueId('tenant'));
    const { endpoint, secret } = await client.call<WebhookEndpointWithSecret>(WebhooksSubjects.endpointsCreate, ctx, { url: receiver.url });
    receiver.secrets = [secret];
    receiver.hang = true;
    const first = domainEvent('evt.contacts.created', ctx.tenantId);
    await publishEvent(client.nats, first);
    await eventually(
      () => receiver.requests,
      (requests) => requests >= 1,
      10_000,
    );
    expect(receiver.requests).toBe(1);

    await service!.stop('SIGKILL');
    service = undefined;
    receiver.hang = false;
    const meanwhile = [domainEvent('evt.contacts.updated', ctx.tenantId), domainEvent('evt.calls.created', ctx.tenantId)];
    for (const event of meanwhile) await publishEvent(client.nats, event);

    service = await start();
    await receiver.waitFor(3, 20_000);
    expect(receiver.eventIds()).toEqual(new Set([first.id, ...meanwhile.map((event) => event.id)]));

    const log = await eventually(
      () => client.call<Page<WebhookDeliveryView>>(WebhooksSubjects.deliveriesList, ctx, { endpointId: endpoint.id }),
      (page) => page.items.length === 3 && page.items.every((item) => item.status === 'delivered'),
    );
    expect(log.items).toHaveLength(3);
    // The killed attempt left no record: the one logged is the attempt that delivered it.
    const resumed = log.items.find((item) => item.eventId === first.id)!;
    expect(resumed.attempts.map((attempt) => attempt.statusCode)).toEqual([200]);
  });
});
