import { carrierConfigShape } from '@conversations/carrier';
import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

const milliseconds = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const callsConfigSchema = serviceConfigSchema.extend({
  MONGO_DB: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('conversations_calls')
    .describe('database the calls service owns'),
  ...carrierConfigShape,
  CARRIER_TIMEOUT_MS: milliseconds(10_000, 100).describe('how long the carrier may take to accept a click-to-call'),
  DIAL_TIMEOUT_SECONDS: z.coerce
    .number()
    .int()
    .min(5)
    .max(120)
    .default(30)
    .describe('how long a <Dial> rings the contact or team member before it counts as not answered'),
  OUTBOX_SWEEP_MS: milliseconds(30_000, 100).describe('how often unpublished events are retried'),
  PEER_TIMEOUT_MS: milliseconds(5_000, 100).describe('how long a request to the contacts or messaging service may take'),
});
export type CallsConfig = z.infer<typeof callsConfigSchema>;

export const loadCallsConfig = (env: NodeJS.ProcessEnv = process.env): CallsConfig => loadConfig(callsConfigSchema, env);
export const CALLS_CONFIG = Symbol('CALLS_CONFIG');

/** The gateway's voice webhooks; `ref` names our call and leg (see CarrierCallLeg in contracts). */
export type VoiceWebhook = 'answer' | 'hangup' | 'dial' | 'recording';

export function voiceWebhookUrl(config: Pick<CallsConfig, 'PUBLIC_WEBHOOK_BASE_URL'>, webhook: VoiceWebhook, ref: string): string {
  return `${config.PUBLIC_WEBHOOK_BASE_URL.replace(/\/$/, '')}/api/v1/webhooks/plivo/voice/${webhook}?ref=${encodeURIComponent(ref)}`;
}
