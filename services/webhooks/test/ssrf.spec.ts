import { type WebhookDeliveryView, type Page, WebhooksSubjects } from '@conversations/contracts';
import { eventually, uniqueId } from '@conversations/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressPolicyFor, isLoopback } from '../src/outbound/address-policy';
import { type Connector, directConnector, type Resolver, SafeHttpClient } from '../src/outbound/safe-http-client';
import { domainEvent, WebhooksHarness } from './harness';
import { WebhookReceiver } from './receiver';

/** Names the tests resolve; nothing reaches a real DNS server. */
const NAMES: Record<string, string[]> = {
  'receiver.test': ['127.0.0.1'],
  'internal.test': ['10.0.0.7'],
  'metadata.test': ['169.254.169.254'],
  'cgnat.test': ['100.64.0.1'],
  'ula.test': ['fd00::1'],
  'mapped.test': ['::ffff:127.0.0.1'],
  // One public and one private answer: refused whole (a rebinding name can answer either).
  'mixed.test': ['93.184.216.34', '10.0.0.1'],
};
const resolver: Resolver = async (hostname) => {
  const addresses = NAMES[hostname];
  if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

/** Opens connections to loopback only; a call for any other address is recorded and fails the test. */
function guardedConnector() {
  const calls: string[] = [];
  const violations: string[] = [];
  const connector: Connector = (target) => {
    calls.push(target.address);
    if (!isLoopback(target.address)) {
      violations.push(target.address);
      throw new Error(`test guard: the connector was called for ${target.address}`);
    }
    return directConnector(target);
  };
  return { connector, calls, violations };
}

const POST = { headers: {}, body: '{}', timeoutMs: 2_000, maxRedirects: 3, maxResponseBytes: 64 };

describe('webhooks: SSRF refusals (F33)', () => {
  let receiver: WebhookReceiver;
  let guard: ReturnType<typeof guardedConnector>;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
  });
  afterAll(() => receiver?.close());
  beforeEach(() => {
    guard = guardedConnector();
    receiver.redirect = undefined;
  });
  afterEach(() => expect(guard.violations).toEqual([]));

  const client = (mode: 'production' | 'test') => new SafeHttpClient(addressPolicyFor(mode), resolver, guard.connector);
  const port = () => new URL(receiver.url).port;

  it('refuses 127.0.0.1 in production mode (https and http), also behind a name, without connecting', async () => {
    for (const url of [`https://127.0.0.1:${port()}/hooks`, `http://127.0.0.1:${port()}/hooks`, `https://receiver.test:${port()}/hooks`]) {
      const result = await client('production').post(url, POST);
      expect(result).toMatchObject({ statusCode: null, refused: true, error: expect.stringMatching(/refused/) });
    }
    expect(guard.calls).toEqual([]);
  });

  it.each([
    ['http://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://10.1.2.3/hooks', 'private'],
    ['https://[fd00::1]/hooks', 'unique-local'],
    ['https://[::ffff:10.0.0.1]/hooks', 'IPv4-mapped'],
    ['https://internal.test/hooks', 'internal.test resolves to 10.0.0.7'],
    ['https://metadata.test/hooks', 'metadata.test resolves to 169.254.169.254'],
    ['https://cgnat.test/hooks', 'carrier-grade NAT'],
    ['https://ula.test/hooks', 'unique-local'],
    ['https://mapped.test/hooks', 'IPv4-mapped'],
    ['https://mixed.test/hooks', 'mixed.test resolves to 10.0.0.1'],
    ['http://93.184.216.34/hooks', 'http is allowed only to a loopback address'],
  ])('refuses %s in any mode, without connecting', async (url, why) => {
    for (const mode of ['test', 'production'] as const) {
      const result = await client(mode).post(url, POST);
      expect(result).toMatchObject({ refused: true, statusCode: null });
      expect(result.error).toContain(why);
    }
    expect(guard.calls).toEqual([]);
  });

  it.each(['http://169.254.169.254/latest/meta-data/iam/', 'https://internal.test/admin', 'http://10.0.0.1/', 'https://metadata.test/'])(
    'checks a redirect again: a loopback receiver redirecting to %s is refused before connecting there',
    async (location) => {
      receiver.redirect = () => location;
      const result = await client('test').post(receiver.url, POST);
      expect(result).toMatchObject({ refused: true, url: location });
      expect(guard.calls).toEqual(['127.0.0.1']);
    },
  );

  it('follows an allowed redirect, at most maxRedirects times', async () => {
    receiver.redirect = (path) => (path === '/hooks' ? '/moved' : undefined);
    receiver.secrets = [];
    const moved = await client('test').post(receiver.url, POST);
    // The receiver answers 401 to an unsigned request: it was reached at the new path.
    expect(moved).toMatchObject({ statusCode: 401, url: receiver.url.replace('/hooks', '/moved'), refused: false });

    receiver.redirect = () => '/again';
    const looping = await client('test').post(receiver.url, POST);
    expect(looping).toMatchObject({ statusCode: 302, error: 'more than 3 redirects' });
    expect(guard.calls).toHaveLength(2 + 4);
  });

  it('reads at most maxResponseBytes of an answer, and gives up on a receiver that hangs', async () => {
    const server: Server = createServer((request, response) => {
      if (request.url === '/hang') return;
      response.writeHead(200);
      response.end('x'.repeat(1_000_000));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const big = await client('test').post(`${base}/big`, POST);
      expect(big).toMatchObject({ statusCode: 200, error: null });
      expect(big.responseBody!.length).toBeLessThanOrEqual(64);
      const started = Date.now();
      const hung = await client('test').post(`${base}/hang`, { ...POST, timeoutMs: 300 });
      expect(hung).toMatchObject({ statusCode: null, error: 'timed out after 300 ms', refused: false });
      expect(Date.now() - started).toBeLessThan(2_000);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  describe('through the service', () => {
    let harness: WebhooksHarness;
    const serviceGuard = guardedConnector();
    beforeAll(async () => {
      harness = await WebhooksHarness.start({ WEBHOOK_MAX_ATTEMPTS: 2 }, { resolver, connector: serviceGuard.connector });
    });
    afterAll(() => harness?.stop());
    afterEach(() => expect(serviceGuard.violations).toEqual([]));

    it('refuses an internal URL when the endpoint is saved, with a field message', async () => {
      const ctx = harness.context(uniqueId('tenant'));
      for (const [url, message] of [
        ['https://10.0.0.1/hooks', 'private'],
        ['http://169.254.169.254/', 'https'],
        ['https://169.254.169.254/', 'link-local'],
        ['http://crm.example.com/hooks', 'https'],
      ]) {
        expect(await harness.callError(WebhooksSubjects.endpointsCreate, ctx, { url })).toMatchObject({
          code: 'VALIDATION_FAILED',
          fields: { url: [expect.stringContaining(message)] },
        });
      }
    });

    it('logs a refused delivery to a name resolving inside, and a redirect inside, never connecting there', async () => {
      const ctx = harness.context(uniqueId('tenant'));
      const named = await harness.createEndpoint(ctx, { url: 'https://metadata.test/hooks' });
      receiver.redirect = () => 'http://10.9.8.7/steal';
      const redirected = await harness.createEndpoint(ctx, { url: receiver.url });
      await harness.publish(domainEvent('evt.contacts.created', ctx.tenantId));
      for (const { endpoint, error } of [
        { endpoint: named.endpoint, error: 'metadata.test resolves to 169.254.169.254' },
        { endpoint: redirected.endpoint, error: '10.9.8.7 is a private address' },
      ]) {
        const log = await eventually(
          () => harness.call<Page<WebhookDeliveryView>>(WebhooksSubjects.deliveriesList, ctx, { endpointId: endpoint.id }),
          (page) => page.items[0]?.status === 'failed',
        );
        expect(log.items[0].attempts).toHaveLength(2);
        expect(log.items[0].attempts[0].error).toContain(error);
      }
      expect(serviceGuard.calls.every((address) => address === '127.0.0.1')).toBe(true);
    });
  });
});
