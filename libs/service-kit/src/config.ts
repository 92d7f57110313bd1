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
