import { MessagingSubjects } from '@conversations/contracts';
import { freePort, spawnService, type ServiceProcess } from '@conversations/testing';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MessagingHarness } from './harness';

/** One send the simulated carrier accepted. */
export interface CarrierSend {
  messageUuid: string;
  src: string;
  dst: string;
  text: string;
  /** Our `<messageId>.<round>` from the callback URL. */
  ref: string | null;
  receivedAt: string;
}

/**
 * The carrier simulator as its own process (the real one the gateway tests use), its delivery reports
 * going to a CarrierRelay: what the messaging service's sends look like from the carrier's side.
 */
export class SimulatedCarrier {
  private constructor(
    readonly url: string,
    readonly process: ServiceProcess,
    readonly relay: CarrierRelay,
    readonly authToken: string,
  ) {}

  static async start(): Promise<SimulatedCarrier> {
    const relay = await CarrierRelay.start();
    const port = await freePort();
    const authToken = 'scheduled-send-test-token';
    const process = await spawnService('carrier-simulator', {
      SIMULATOR_PORT: String(port),
      PLIVO_AUTH_ID: 'MATEST',
      PLIVO_AUTH_TOKEN: authToken,
      INBOUND_WEBHOOK_URL: `${relay.url}/api/v1/webhooks/plivo/inbound`,
      DELIVERY_DELAY_MS: '30',
    });
    return new SimulatedCarrier(`http://127.0.0.1:${port}`, process, relay, authToken);
  }

  /** The messaging configuration that sends through this simulator and has its reports relayed. */
  get messagingConfig() {
    return {
      CARRIER: 'simulator' as const,
      SIMULATOR_URL: this.url,
      PLIVO_AUTH_ID: 'MATEST',
      PLIVO_AUTH_TOKEN: this.authToken,
      PUBLIC_WEBHOOK_BASE_URL: this.relay.url,
    };
  }

  /** Every send of the message `messageId` the carrier accepted (any round). */
  async sendsOf(messageId: string): Promise<CarrierSend[]> {
    const { messages } = (await (await fetch(`${this.url}/simulate/messages`)).json()) as { messages: CarrierSend[] };
    return messages.filter((message) => message.ref?.startsWith(`${messageId}.`));
  }

  async setBehaviour(behaviour: { apiDelayMs?: number; deliveryDelayMs?: number }): Promise<void> {
    await fetch(`${this.url}/simulate/config`, { method: 'PUT', body: JSON.stringify(behaviour) });
  }

  async stop(): Promise<void> {
    await this.process.stop();
    await this.relay.close();
  }
}

/**
 * Stands in for the gateway's carrier webhooks in the messaging service's own tests: the simulator's
 * delivery reports handed to the messaging service over NATS, parsed as the gateway parses them (the
 * signature check is the gateway's, tested there).
 */
export class CarrierRelay {
  target?: MessagingHarness;

  private readonly server: Server;
  url = '';

  private constructor() {
    this.server = createServer((request, response) => {
      void this.handle(request).then((status) => response.writeHead(status, { 'content-type': 'application/json' }).end('{}'));
    });
  }

  static async start(): Promise<CarrierRelay> {
    const relay = new CarrierRelay();
    await new Promise<void>((resolve) => relay.server.listen(0, '127.0.0.1', resolve));
    relay.url = `http://127.0.0.1:${(relay.server.address() as AddressInfo).port}`;
    return relay;
  }

  private async handle(request: IncomingMessage): Promise<number> {
    if (!this.target) return 503;
    let body = '';
    for await (const chunk of request) body += chunk;
    const params = new URLSearchParams(body);
    const url = new URL(request.url ?? '/', this.url);
    if (!url.pathname.endsWith('/message-status')) return 404;
    try {
      await this.target.call(MessagingSubjects.carrierStatus, this.target.context('carrier', 'system:carrier'), {
        carrier: 'plivo',
        providerMessageId: params.get('MessageUUID'),
        status: params.get('Status'),
        errorCode: params.get('ErrorCode') || null,
        from: params.get('From'),
        to: params.get('To'),
        ref: url.searchParams.get('ref'),
      });
      return 200;
    } catch {
      return 500;
    }
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
