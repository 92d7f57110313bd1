import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { GatewayConfig } from '../config';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER } from '../idempotency/idempotency.interceptor';
import { TENANT_HEADER } from '../auth/token-claims';
import { REQUEST_ID_HEADER } from './http-logger';

/** Outside production, any local port may call the API (the shell and remotes on their dev servers). */
const LOCAL_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*'];

/** `http://localhost:*` → any port of http://localhost; anything else must match exactly. */
function originMatcher(pattern: string): (origin: string) => boolean {
  const trimmed = pattern.trim().replace(/\/$/, '');
  if (!trimmed.includes('*')) return (origin) => origin === trimmed;
  const regex = new RegExp(
    `^${trimmed
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('[^/]*')}$`,
  );
  return (origin) => regex.test(origin);
}

/**
 * Browsers may call the API from the origins in CORS_ORIGINS (the shell, and each CRM that embeds a
 * panel). Tokens travel in the Authorization header, never cookies, so credentials stay off.
 */
export function corsOptionsOf(config: GatewayConfig): CorsOptions {
  const patterns =
    config.CORS_ORIGINS !== undefined
      ? config.CORS_ORIGINS.split(',').filter((entry) => entry.trim())
      : config.NODE_ENV === 'production'
        ? []
        : LOCAL_ORIGINS;
  const allowed = patterns.map(originMatcher);
  return {
    origin: (origin, callback) => callback(null, !origin || allowed.some((matches) => matches(origin))),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id', IDEMPOTENCY_KEY_HEADER, REQUEST_ID_HEADER, TENANT_HEADER],
    exposedHeaders: [REQUEST_ID_HEADER, 'retry-after', IDEMPOTENT_REPLAYED_HEADER],
    maxAge: 600,
  };
}
