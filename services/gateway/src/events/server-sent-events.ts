import type { ServerResponse } from 'node:http';

/** How long a browser's EventSource waits before reconnecting (it then sends Last-Event-ID). */
const RECONNECT_AFTER_MS = 3_000;

/**
 * The text/event-stream wire format on a Node response, with backpressure: a slow client makes the
 * writer wait (the JetStream consumer then stops pulling) instead of buffering without bound.
 */
export class ServerSentEvents {
  private heartbeat?: NodeJS.Timeout;
  private closed = false;
  private readonly closeListeners: Array<() => void> = [];

  constructor(private readonly response: ServerResponse) {
    // The client may already be gone while the consumer was being set up.
    if (response.destroyed || response.socket?.destroyed) this.closed = true;
    else response.once('close', () => this.markClosed());
  }

  get isClosed(): boolean {
    return this.closed;
  }

  start(heartbeatMs: number): void {
    if (this.closed) return;
    this.response.socket?.setNoDelay(true);
    this.response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // Proxies such as nginx must not buffer the stream.
      'x-accel-buffering': 'no',
    });
    this.response.write(`retry: ${RECONNECT_AFTER_MS}\n: connected\n\n`);
    this.heartbeat = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
    this.heartbeat.unref();
  }

  /** One event; `data` is JSON on a single line, as the format requires. */
  send(id: number, event: string, data: unknown): Promise<void> {
    return this.write(`id: ${id}\nevent: ${event.replace(/[\r\n]/g, '')}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  onClose(listener: () => void): void {
    if (this.closed) listener();
    else this.closeListeners.push(listener);
  }

  end(): void {
    if (!this.closed) this.response.end();
    this.markClosed();
  }

  private write(chunk: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    if (this.response.write(chunk)) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.response.off('drain', done);
        this.response.off('close', done);
        resolve();
      };
      this.response.once('drain', done);
      this.response.once('close', done);
    });
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    for (const listener of this.closeListeners.splice(0)) listener();
  }
}
