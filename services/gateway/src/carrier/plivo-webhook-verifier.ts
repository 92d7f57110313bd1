import { ErrorCodes, type RequestContext } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import { validateV3Signature } from 'plivo';
import type { GatewayConfig } from '../config';
import type { GatewayRequest } from '../http/gateway-request';

export type WebhookParams = Record<string, string | string[]>;

/** Webhook bodies are small form posts; anything larger is not from the carrier. */
const MAX_WEBHOOK_BYTES = 64 * 1024;

/**
 * Plivo's V3 webhook signature: HMAC-SHA256 with the auth token over the full URL Plivo called (our
 * public base URL + path + query), the sorted POST parameters and the nonce — checked by the SDK's own
 * `validateV3Signature`, so our reading of the algorithm cannot drift from Plivo's.
 */
export class PlivoWebhookVerifier {
  constructor(private readonly config: Pick<GatewayConfig, 'PLIVO_AUTH_TOKEN' | 'PUBLIC_WEBHOOK_BASE_URL'>) {}

  async verify(request: GatewayRequest): Promise<WebhookParams> {
    const token = this.config.PLIVO_AUTH_TOKEN;
    const base = this.config.PUBLIC_WEBHOOK_BASE_URL;
    if (!token || !base) {
      throw new DomainError(
        ErrorCodes.WEBHOOKS_NOT_CONFIGURED,
        'Carrier webhooks are not configured here: set PLIVO_AUTH_TOKEN and PUBLIC_WEBHOOK_BASE_URL on the gateway',
      );
    }
    const signature = header(request, 'x-plivo-signature-v3');
    const nonce = header(request, 'x-plivo-signature-v3-nonce');
    if (!signature || !nonce) throw forged('The webhook has no X-Plivo-Signature-V3 signature and nonce');
    const params = await paramsOf(request);
    const url = `${base.replace(/\/$/, '')}${(request as GatewayRequest & { originalUrl?: string }).originalUrl ?? request.url}`;
    let valid = false;
    try {
      valid = validateV3Signature('POST', url, nonce, token, signature, params) === true;
    } catch {
      valid = false;
    }
    if (!valid) throw forged('The webhook signature does not match; it was not sent by the carrier');
    return params;
  }
}

function forged(message: string): DomainError {
  return new DomainError(ErrorCodes.WEBHOOK_SIGNATURE_INVALID, message);
}

function header(request: GatewayRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The posted parameters exactly as sent. The gateway parses only JSON bodies, so a form post's stream is
 * still unread here and is decoded as it arrived (the signature covers these values).
 */
async function paramsOf(request: GatewayRequest): Promise<WebhookParams> {
  const parsed = (request as GatewayRequest & { body?: unknown }).body;
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.keys(parsed).length) {
    return Object.fromEntries(
      Object.entries(parsed as Record<string, unknown>).map(([key, value]) => [
        key,
        Array.isArray(value) ? value.map(String) : String(value),
      ]),
    );
  }
  if (request.readableEnded) return {};
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_WEBHOOK_BYTES) throw new DomainError(ErrorCodes.PAYLOAD_TOO_LARGE, 'The webhook body is too large');
    chunks.push(chunk as Buffer);
  }
  const params: WebhookParams = {};
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) {
    const existing = params[key];
    params[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

/** Webhooks act for no user and no tenant yet: the service resolves the tenant from the number or the call. */
export function carrierContext(request: GatewayRequest): RequestContext {
  return { tenantId: '', userId: 'system:carrier-webhook', requestId: request.id };
}

export function single(params: WebhookParams, name: string): string | undefined {
  const value = params[name];
  return Array.isArray(value) ? value[0] : value;
}

export function required(params: WebhookParams, name: string): string {
  const value = single(params, name);
  if (!value) throw DomainError.validation({ [name]: [`${name} is required`] });
  return value;
}

/** Our `ref` query parameter: which of our records (and which leg) a callback is about. */
export function refOf(request: GatewayRequest): string | null {
  return new URL(request.url ?? '/', 'http://gateway').searchParams.get('ref');
}
