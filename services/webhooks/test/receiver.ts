import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  payload: { id: string; type: string; tenantId: string; occurredAt: string; data: unknown };
  headers: IncomingHttpHeaders;
}

/**
 * A tenant's system receiving our webhooks on 127.0.0.1: it verifies every request with the
 * `standardwebhooks` package (the receiver's library, not our code) against the secrets it was given,
 * answers 401 to a request none of them verifies, and can be told to fail or hang for a while.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  readonly rejected: string[] = [];
  /** Requests seen, verified or not. */
  requests = 0;
  secrets: string[] = [];
  /** Answer this status (e.g. 503) to the next `failures` requests. */
  private failures = 0;
  private failureStatus = 503;
  /** Hold every request without answering (a receiver that hangs). */
  hang = false;
  /** Called with each request's path; may answer a redirect instead. */
  redirect?: (path: string) => string | undefined;
  private readonly waiters: Array<() => void> = [];

  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => this.handle(request.url ?? '/', request.headers, Buffer.concat(chunks).toString('utf8'), response));
  });
  url = '';

  private constructor() {}

  static async start(path = '/hooks'): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    const { port } = receiver.server.address() as AddressInfo;
    receiver.url = `http://127.0.0.1:${port}${path}`;
    return receiver;
  }

  failNext(count: number, status = 503): void {
    this.failures = count;
    this.failureStatus = status;
  }

  private handle(path: string, headers: IncomingHttpHeaders, body: string, response: ServerResponse): void {
    this.requests++;
    const location = this.redirect?.(path);
    if (location) {
      response.writeHead(302, { location }).end();
      return;
    }
    if (this.hang) return; // never answered: the sender's timeout (or its death) ends it
    if (this.failures > 0) {
      this.failures--;
      response.writeHead(this.failureStatus, { 'content-type': 'text/plain' }).end('down for maintenance');
      return;
    }
    const plain = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, String(value)]));
    const verified = this.secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, plain);
        return true;
      } catch {
        return false;
      }
    });
    if (!verified) {
      this.rejected.push(body);
      response.writeHead(401).end('bad signature');
      return;
    }
    this.received.push({
      id: plain['webhook-id'],
      timestamp: plain['webhook-timestamp'],
      signature: plain['webhook-signature'],
      body,
      payload: JSON.parse(body),
      headers,
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Waits until at least `count` verified webhooks arrived (or the time is up); returns them. */
  async waitFor(count: number, timeoutMs = 10_000): Promise<ReceivedWebhook[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count && Date.now() < deadline) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(200, Math.max(0, deadline - Date.now())));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received;
  }

  /** The distinct event ids received. */
  eventIds(): Set<string> {
    return new Set(this.received.map((webhook) => webhook.payload.id));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
