import { loadConfig } from '@conversations/service-kit';
import { z } from 'zod';

const rate = z.coerce.number().min(0).max(1);

export const simulatorConfigSchema = z.object({
  SIMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4010).describe('HTTP port of the simulated carrier API (0 = any free port)'),
  HTTP_HOST: z.string().default('127.0.0.1').describe('interface to bind (loopback by default: this is a local test double)'),
  PLIVO_AUTH_ID: z.string().min(1).default('MASIMULATOR').describe('the auth id the messaging service uses'),
  PLIVO_AUTH_TOKEN: z.string().min(8).default('simulator-auth-token').describe('the auth token: checks API calls and signs webhooks (V3)'),
  INBOUND_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:3000/api/v1/webhooks/plivo/inbound').describe('where inbound messages are posted'),
  DELIVERY_DELAY_MS: z.coerce.number().int().min(0).default(300).describe('delay between the delivery report steps queued → sent → delivered'),
  FAILURE_RATE: rate.default(0).describe('share of messages that end failed/undelivered'),
  DUPLICATE_RATE: rate.default(0).describe('share of webhooks delivered twice'),
  API_ERROR_RATE: rate.default(0).describe('share of send requests answered 503 (the carrier is busy)'),
  WEBHOOK_CONCURRENCY: z.coerce.number().int().min(1).default(8).describe('webhooks in flight at once (like a carrier’s dispatcher; the rest wait their turn)'),
  API_DELAY_MS: z.coerce.number().int().min(0).default(0).describe('latency of the send API: the message is recorded at once, the answer comes after this delay'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

export const loadSimulatorConfig = (env: NodeJS.ProcessEnv = process.env): SimulatorConfig => loadConfig(simulatorConfigSchema, env);

/** What tests may change at run time (PUT /simulate/config). */
export interface Behaviour {
  deliveryDelayMs: number;
  failureRate: number;
  duplicateRate: number;
  apiErrorRate: number;
  apiDelayMs: number;
}
