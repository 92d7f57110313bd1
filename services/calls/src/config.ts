import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

const milliseconds = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const callsConfigSchema = serviceConfigSchema.extend({
  MONGO_DB: z.string().regex(/^[a-zA-Z0-9_-]+$/).default('conversations_calls').describe('database the calls service owns'),
  DEFAULT_PHONE_COUNTRY: z.string().regex(/^[A-Z]{2}$/, 'two-letter country code such as US').default('US').describe('country assumed for phone searches and caller ids without a country code'),
  CARRIER: z.enum(['simulator', 'plivo']).default('simulator').describe('simulator (local carrier simulator process) or plivo'),
  PLIVO_AUTH_ID: z.string().min(1).default('MASIMULATOR').describe('Plivo auth id (any value for the simulator)'),
  PLIVO_AUTH_TOKEN: z.string().min(8).default('simulator-auth-token').describe('Plivo auth token (the simulator must be given the same one)'),
  SIMULATOR_URL: z.url({ protocol: /^https?$/ }).default('http://127.0.0.1:4010').describe('base URL of the carrier simulator when CARRIER=simulator'),
  PUBLIC_WEBHOOK_BASE_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:3000')
    .describe('public base URL of the gateway; voice webhooks go to <base>/api/v1/webhooks/plivo/voice/{answer,hangup,dial,recording}'),
  CARRIER_TIMEOUT_MS: milliseconds(10_000, 100).describe('how long the carrier may take to accept a click-to-call'),
  DIAL_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(120).default(30).describe('how long a <Dial> rings the contact or team member before it counts as not answered'),
  OUTBOX_SWEEP_MS: milliseconds(30_000, 100).describe('how often unpublished events are retried'),
  PEER_TIMEOUT_MS: milliseconds(5_000, 100).describe('how long a request to the contacts or messaging service may take'),
});
export type CallsConfig = z.infer<typeof callsConfigSchema>;

export const loadCallsConfig = (env: NodeJS.ProcessEnv = process.env): CallsConfig => loadConfig(callsConfigSchema, env);
export const CALLS_CONFIG = Symbol('CALLS_CONFIG');

/** The carrier API base: Plivo itself, or the simulator speaking the same API. */
export function carrierApiUrl(config: Pick<CallsConfig, 'CARRIER' | 'SIMULATOR_URL' | 'PLIVO_AUTH_ID'>): string {
  const base = config.CARRIER === 'plivo' ? 'https://api.plivo.com' : config.SIMULATOR_URL.replace(/\/$/, '');
  return `${base}/v1/Account/${config.PLIVO_AUTH_ID}`;
}

/** The gateway's voice webhooks; `ref` names our call and leg (see CarrierCallLeg in contracts). */
export type VoiceWebhook = 'answer' | 'hangup' | 'dial' | 'recording';

export function voiceWebhookUrl(config: Pick<CallsConfig, 'PUBLIC_WEBHOOK_BASE_URL'>, webhook: VoiceWebhook, ref: string): string {
  return `${config.PUBLIC_WEBHOOK_BASE_URL.replace(/\/$/, '')}/api/v1/webhooks/plivo/voice/${webhook}?ref=${encodeURIComponent(ref)}`;
}
