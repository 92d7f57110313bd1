import { z } from 'zod';

export class ConfigError extends Error {}

/**
 * Validates the environment once at start-up. A bad or missing variable stops the process with one
 * message per variable, e.g. `MONGO_URL: required (the MongoDB connection string)`.
 */
export function loadConfig<S extends z.ZodObject>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const described = (schema.shape as Record<string, z.ZodType>)[name]?.description;
    return `  ${name}: ${issue.message}${described ? ` (${described})` : ''}`;
  });
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Variables every NATS service reads. */
export const serviceConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  NATS_URL: z
    .string()
    .regex(/^(nats|tls|wss?):\/\//, 'must be a nats:// URL')
    .default('nats://127.0.0.1:4222')
    .describe('NATS server URL(s), comma-separated'),
  NATS_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9-]*$/, 'lowercase letters, digits and dashes only')
    .default('')
    .describe('prefix that isolates request/reply subjects of one deployment sharing a NATS cluster'),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URL')
    .describe('MongoDB connection string'),
  HEALTH_PORT: z.coerce.number().int().min(0).max(65535).default(0).describe('HTTP port for /health and /metrics (0 = any free port)'),
  HTTP_HOST: z.string().default('127.0.0.1').describe('interface the HTTP listener binds to'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/** Variables of the services that talk to the carrier (messaging, calls): Plivo, or the local simulator. */
export const carrierConfigShape = {
  DEFAULT_PHONE_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'two-letter country code such as US')
    .default('US')
    .describe('country assumed for phone numbers without a country code'),
  CARRIER: z.enum(['simulator', 'plivo']).default('simulator').describe('simulator (local carrier simulator process) or plivo'),
  PLIVO_AUTH_ID: z.string().min(1).default('MASIMULATOR').describe('Plivo auth id (any value for the simulator)'),
  PLIVO_AUTH_TOKEN: z
    .string()
    .min(8)
    .default('simulator-auth-token')
    .describe('Plivo auth token (the simulator must be given the same one)'),
  SIMULATOR_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:4010')
    .describe('base URL of the carrier simulator when CARRIER=simulator'),
  PUBLIC_WEBHOOK_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:3000')
    .describe('public base URL of the gateway as the carrier calls it; carrier callbacks go to <base>/api/v1/webhooks/plivo/…'),
};

/** The carrier API base: Plivo itself, or the simulator speaking the same API. */
export function carrierApiUrl(config: { CARRIER: 'simulator' | 'plivo'; SIMULATOR_URL: string; PLIVO_AUTH_ID: string }): string {
  const base = config.CARRIER === 'plivo' ? 'https://api.plivo.com' : config.SIMULATOR_URL.replace(/\/$/, '');
  return `${base}/v1/Account/${config.PLIVO_AUTH_ID}`;
}
