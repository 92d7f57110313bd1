import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { connect as netConnect, isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { type AddressPolicy, isLoopback, refusalOf, unbracketed } from './address-policy';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Host name → its addresses (the default: the system resolver, every address). Injectable for tests. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** Where the request's connection is opened: to the address already checked, never to a name. */
export interface ConnectTarget {
  address: string;
  family: 4 | 6;
  port: number;
  tls: boolean;
  /** The URL's host name, for TLS SNI and certificate checks (the connection goes to `address`). */
  servername: string;
}
export type Connector = (target: ConnectTarget) => Duplex;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));

export const directConnector: Connector = (target) =>
  target.tls
    ? tlsConnect({
        host: target.address,
        port: target.port,
        // SNI takes host names only; the certificate is checked against the URL's host either way.
        ...(isIP(target.servername) ? {} : { servername: target.servername }),
        ALPNProtocols: ['http/1.1'],
      })
    : netConnect({ host: target.address, port: target.port, family: target.family });

export interface PostOptions {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  maxRedirects: number;
  maxResponseBytes: number;
}

export interface PostResult {
  statusCode: number | null;
  /** Null on a 2xx answer. */
  error: string | null;
  responseBody: string | null;
  /** The URL finally requested (the first, unless a redirect was followed). */
  url: string;
  /** True when the policy refused an address or scheme (nothing was sent to it). */
  refused: boolean;
}

class Refused extends Error {}

/**
 * POSTs a webhook without letting its URL reach the inside of our network (SSRF): the host name is
 * resolved once, every address checked against the policy, and the connection opened to a checked
 * address (no second lookup a DNS rebinding could answer differently). Redirects are followed by hand,
 * each target checked the same way. The whole exchange has one deadline, and only the first
 * `maxResponseBytes` of the answer are read.
 */
export class SafeHttpClient {
  constructor(
    private readonly policy: AddressPolicy,
    private readonly resolver: Resolver = systemResolver,
    private readonly connector: Connector = directConnector,
  ) {}

  async post(url: string, options: PostOptions): Promise<PostResult> {
    const deadline = Date.now() + options.timeoutMs;
    let current = url;
    for (let redirects = 0; ; redirects++) {
      let response: { statusCode: number; location: string | undefined; body: string };
      try {
        const target = await this.targetOf(current);
        response = await this.send(target, current, options, deadline);
      } catch (error) {
        const refused = error instanceof Refused;
        return { statusCode: null, error: (error as Error).message, responseBody: null, url: current, refused };
      }
      const { statusCode, location, body } = response;
      if (statusCode >= 300 && statusCode < 400 && location) {
        if (redirects >= options.maxRedirects) {
          return { statusCode, error: `more than ${options.maxRedirects} redirects`, responseBody: body, url: current, refused: false };
        }
        try {
          current = new URL(location, current).toString();
        } catch {
          return { statusCode, error: 'redirect to an invalid URL', responseBody: body, url: current, refused: false };
        }
        continue;
      }
      const ok = statusCode >= 200 && statusCode < 300;
      return { statusCode, error: ok ? null : `the receiver answered ${statusCode}`, responseBody: body, url: current, refused: false };
    }
  }

  /** The checked address to connect to for `raw`, or a Refused error saying why none may be. */
  private async targetOf(raw: string): Promise<ConnectTarget> {
    const url = new URL(raw);
    if (url.username || url.password) throw new Refused('refused: the URL carries credentials');
    const tls = url.protocol === 'https:';
    if (!tls && url.protocol !== 'http:') throw new Refused(`refused: ${url.protocol} is not https`);
    const hostname = unbracketed(url.hostname);
    const literal = isIP(hostname);
    let addresses: ResolvedAddress[];
    if (literal) addresses = [{ address: hostname, family: literal === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await this.resolver(hostname);
      } catch (error) {
        throw new Error(`cannot resolve ${hostname}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      if (!addresses.length) throw new Error(`cannot resolve ${hostname}: no address`);
    }
    // Every address must pass: a name answering one public and one private address is refused whole.
    for (const { address } of addresses) {
      const refusal = refusalOf(address, this.policy);
      if (refusal) throw new Refused(`refused: ${hostname === address ? '' : `${hostname} resolves to `}${refusal}`);
      if (!tls && !(this.policy.allowHttpToLoopback && isLoopback(address))) {
        throw new Refused('refused: http is allowed only to a loopback address in development; use https');
      }
    }
    const [first] = addresses;
    return { ...first, port: Number(url.port) || (tls ? 443 : 80), tls, servername: hostname };
  }

  private send(
    target: ConnectTarget,
    raw: string,
    options: PostOptions,
    deadline: number,
  ): Promise<{ statusCode: number; location: string | undefined; body: string }> {
    const url = new URL(raw);
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new Error(`timed out after ${options.timeoutMs} ms`));
    return new Promise((resolve, reject) => {
      const request = httpRequest({
        method: 'POST',
        host: target.servername,
        port: target.port,
        path: `${url.pathname}${url.search}`,
        headers: {
          ...options.headers,
          host: url.host,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(options.body)),
          'user-agent': 'Conversations-Webhooks/1',
        },
        createConnection: () => this.connector(target) as never,
      });
      const timer = setTimeout(() => request.destroy(new Error(`timed out after ${options.timeoutMs} ms`)), remaining);
      const finish = (action: () => void) => {
        clearTimeout(timer);
        action();
      };
      request.on('error', (error) => finish(() => reject(new Error(describeError(error)))));
      request.on('response', (response: IncomingMessage) => {
        readCapped(response, options.maxResponseBytes).then(
          (body) =>
            finish(() => {
              const location = response.headers.location;
              resolve({ statusCode: response.statusCode ?? 0, location: typeof location === 'string' ? location : undefined, body });
            }),
          (error) => finish(() => reject(new Error(describeError(error)))),
        );
      });
      request.end(options.body);
    });
  }
}

/** The first `maxBytes` of the body; the rest is not read (the connection is closed). */
function readCapped(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8'));
    response.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= maxBytes) {
        response.removeAllListeners('data');
        response.destroy();
        done();
      }
    });
    response.on('end', done);
    response.on('error', (error) => (size >= maxBytes ? done() : reject(error)));
  });
}

function describeError(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
