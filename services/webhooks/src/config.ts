import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

const HOUR = 3600_000;
const ms = (min: number, fallback: number, describe: string) => z.coerce.number().int().min(min).default(fallback).describe(describe);

export const webhooksConfigSchema = serviceConfigSchema.extend({
  MONGO_DB: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('conversations_webhooks')
    .describe('database the webhooks service owns'),
  OUTBOX_SWEEP_MS: ms(1000, 30_000, 'how often unpublished events are retried'),
  WEBHOOK_DISPATCH_SWEEP_MS: ms(50, 1_000, 'how often the due deliveries are looked for (new ones start at once)'),
  WEBHOOK_LEASE_MS: ms(500, 60_000, 'how long a claimed delivery is held before another replica may take it over (a crash mid-delivery)'),
  WEBHOOK_REQUEST_TIMEOUT_MS: ms(100, 10_000, 'how long one delivery request may take, redirects included'),
  WEBHOOK_RESPONSE_BODY_MAX_BYTES: ms(0, 4_096, 'how much of a receiver’s response body is read (and kept in the log, up to 1 KB)'),
  WEBHOOK_MAX_REDIRECTS: z.coerce.number().int().min(0).max(10).default(3).describe('redirects followed, each one checked again'),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32).describe('deliveries in flight per replica'),
  WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(4)
    .describe('deliveries in flight per endpoint per replica'),
  WEBHOOK_RETRY_BASE_MS: ms(10, 10_000, 'wait before the second attempt; each later wait is WEBHOOK_RETRY_FACTOR times longer'),
  WEBHOOK_RETRY_FACTOR: z.coerce.number().min(1).max(10).default(3).describe('growth of the wait between attempts'),
  WEBHOOK_RETRY_MAX_DELAY_MS: ms(10, 6 * HOUR, 'the longest wait between two attempts'),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12).describe('attempts before a delivery is given up (failed)'),
  WEBHOOK_DISABLE_AFTER_MS: ms(0, 24 * HOUR, 'an endpoint failing continuously for this long…'),
  WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number().int().min(1).default(10).describe('…and at least this many times in a row is disabled'),
  WEBHOOK_SECRET_OVERLAP_MS: ms(0, 24 * HOUR, 'how long a rotated-out secret keeps signing beside the new one'),
  WEBHOOK_EVENT_RETENTION_MS: ms(60_000, 30 * 24 * HOUR, 'how long events (for replay) and the delivery log are kept'),
  WEBHOOK_CONSUMER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8).describe('domain events turned into deliveries at once'),
});
export type WebhooksConfig = z.infer<typeof webhooksConfigSchema>;

export const loadWebhooksConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(webhooksConfigSchema, env);
export const WEBHOOKS_CONFIG = Symbol('WEBHOOKS_CONFIG');
