import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

/**
 * The gateway's environment. It stores nothing, so it has no MONGO_URL; it shares the NATS, namespace,
 * host and log settings with every service.
 */
export const gatewayConfigSchema = serviceConfigSchema
  .omit({ MONGO_URL: true, HEALTH_PORT: true })
  .extend({
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(3000).describe('HTTP port of the API (0 = any free port)'),
    JWT_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .describe('HS256 secret that signs and verifies access tokens; required unless JWT_JWKS_URL is set'),
    JWT_JWKS_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('JWKS endpoint of an embedding host whose RS256/ES256 tokens are accepted'),
    OIDC_ISSUER: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('OpenID Connect issuer whose access tokens are accepted: its discovery document names the JWKS; sets the required `iss`'),
    JWT_ISSUER: z.string().min(1).optional().describe('required `iss` claim of access tokens (implied by OIDC_ISSUER)'),
    JWT_AUDIENCE: z.string().min(1).optional().describe('required `aud` claim of access tokens'),
    AUTH_CLOCK_SKEW_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(300)
      .default(30)
      .describe('how far `exp`, `nbf` and `iat` may be off the gateway’s clock'),
    AUTH_USER_CLAIM: z.string().min(1).default('sub').describe('claim holding the user id (a team member id)'),
    AUTH_TENANT_CLAIM: z.string().min(1).default('tid').describe('claim holding the one tenant of a single-tenant token'),
    AUTH_ROLES_CLAIM: z
      .string()
      .min(1)
      .default('roles')
      .describe('claim holding the roles of a single-tenant token (array or space-separated)'),
    AUTH_TENANTS_CLAIM: z
      .string()
      .min(1)
      .default('tenants')
      .describe('claim listing every tenant of the user with its roles: [{ "id", "roles" }] or { "<tenant id>": [roles] }'),
    AUTH_ADMIN_ROLES: z
      .string()
      .min(1)
      .default('admin')
      .describe('comma-separated role values that mean admin (e.g. Conversations.Admin); any other member is an agent'),
    DEV_SIGN_IN: z
      .stringbool()
      .optional()
      .describe('POST /api/v1/dev/token (local sign-in as a seeded user): on by default outside production, refused in production'),
    CORS_ORIGINS: z
      .string()
      .optional()
      .describe('comma-separated browser origins allowed to call the API; `*` matches a port, e.g. http://localhost:*'),
    RATE_LIMIT_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .default(600)
      .describe('requests per minute per signed-in user (per client IP before sign-in)'),
    RATE_LIMIT_TENANT_PER_MINUTE: z.coerce
      .number()
      .int()
      .min(1)
      .default(20_000)
      .describe('requests per minute of all of a tenant’s users together: a ceiling against abuse, far above a team’s use'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional()
      .describe('Redis that shares rate-limit counts across gateway replicas; without it each replica counts alone'),
    TRUST_PROXY: z.coerce
      .number()
      .int()
      .min(0)
      .default(0)
      .describe(
        'how many proxies (ingress, load balancer) in front of the gateway may set X-Forwarded-For; the client IP limits requests before sign-in',
      ),
    RPC_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60_000)
      .default(5_000)
      .describe('how long a request waits for a service to answer'),
    IDEMPOTENT_WAIT_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .max(600_000)
      .default(60_000)
      .describe('how long a mutation with an Idempotency-Key that answered 504 still waits for its outcome, which a retry then gets'),
    SSE_HEARTBEAT_MS: z.coerce.number().int().min(1_000).default(15_000).describe('interval of the keep-alive comment on /api/v1/events'),
    MEDIA_LINK_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .describe('signs the short-lived playback links of call recordings; defaults to JWT_SECRET, required with JWT_JWKS_URL alone'),
    RECORDING_FETCH_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(120_000)
      .default(10_000)
      .describe('how long the carrier may take to start sending a recording'),
    PLIVO_AUTH_TOKEN: z
      .string()
      .min(8)
      .optional()
      .describe('Plivo auth token: verifies the V3 signature of carrier webhooks (the simulator signs with the same one)'),
    PUBLIC_WEBHOOK_BASE_URL: z
      .url({ protocol: /^https?$/ })
      .optional()
      .describe('the gateway’s public base URL as the carrier calls it (Plivo signs the full URL), e.g. https://inbox.example.com'),
  })
  .superRefine((config, issues) => {
    if (!config.JWT_SECRET && !config.JWT_JWKS_URL && !config.OIDC_ISSUER) {
      issues.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'required (or set OIDC_ISSUER or JWT_JWKS_URL to accept tokens of an identity provider)',
      });
    }
    if (config.OIDC_ISSUER && config.JWT_JWKS_URL) {
      issues.addIssue({ code: 'custom', path: ['JWT_JWKS_URL'], message: 'set OIDC_ISSUER or JWT_JWKS_URL, not both' });
    }
    if (config.OIDC_ISSUER && config.JWT_ISSUER && config.JWT_ISSUER !== config.OIDC_ISSUER) {
      issues.addIssue({ code: 'custom', path: ['JWT_ISSUER'], message: 'must equal OIDC_ISSUER when both are set' });
    }
    if (config.NODE_ENV === 'production' && config.DEV_SIGN_IN) {
      issues.addIssue({
        code: 'custom',
        path: ['DEV_SIGN_IN'],
        message: 'local sign-in issues a token for any seeded user: it cannot be enabled in production',
      });
    }
    if (!config.MEDIA_LINK_SECRET && !config.JWT_SECRET) {
      issues.addIssue({
        code: 'custom',
        path: ['MEDIA_LINK_SECRET'],
        message: 'required when JWT_SECRET is not set (it signs recording playback links)',
      });
    }
  });
export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => loadConfig(gatewayConfigSchema, env);

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');

/** The key of recording playback links (the schema guarantees one of the two is set). */
export function mediaLinkSecretOf(config: GatewayConfig): string {
  return config.MEDIA_LINK_SECRET ?? config.JWT_SECRET ?? '';
}

/** Local sign-in (POST /api/v1/dev/token) runs when asked, or by default outside production; it needs JWT_SECRET to sign. */
export function devSignInEnabled(config: GatewayConfig): boolean {
  return (config.DEV_SIGN_IN ?? config.NODE_ENV !== 'production') && !!config.JWT_SECRET;
}

/** The request body limit; larger bodies answer 413 PAYLOAD_TOO_LARGE. */
export const BODY_LIMIT = '100kb';
