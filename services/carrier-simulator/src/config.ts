import { loadConfig } from '@conversations/service-kit';
import { z } from 'zod';

const rate = z.coerce.number().min(0).max(1);

export const simulatorConfigSchema = z.object({
  SIMULATOR_PORT: z.coerce
    .number()
    .int()
    .min(0)
    .max(65535)
    .default(4010)
    .describe('HTTP port of the simulated carrier API (0 = any free port)'),
  HTTP_HOST: z.string().default('127.0.0.1').describe('interface to bind (loopback by default: this is a local test double)'),
  PLIVO_AUTH_ID: z.string().min(1).default('MASIMULATOR').describe('the auth id the messaging service uses'),
  PLIVO_AUTH_TOKEN: z.string().min(8).default('simulator-auth-token').describe('the auth token: checks API calls and signs webhooks (V3)'),
  INBOUND_WEBHOOK_URL: z
    .url({ protocol: /^https?$/ })
    .default('http://127.0.0.1:3000/api/v1/webhooks/plivo/inbound')
    .describe('where inbound messages are posted'),
  DELIVERY_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(300)
    .describe('delay between the delivery report steps queued → sent → delivered'),
  FAILURE_RATE: rate.default(0).describe('share of messages that end failed/undelivered'),
  DUPLICATE_RATE: rate.default(0).describe('share of webhooks delivered twice'),
  API_ERROR_RATE: rate.default(0).describe('share of send requests answered 503 (the carrier is busy)'),
  WEBHOOK_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .default(8)
    .describe('webhooks in flight at once (like a carrier’s dispatcher; the rest wait their turn)'),
  API_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .describe('latency of the send API: the message is recorded at once, the answer comes after this delay'),
  INBOUND_CALL_ANSWER_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('answer URL of our numbers for inbound calls (default: INBOUND_WEBHOOK_URL’s origin + /api/v1/webhooks/plivo/voice/answer)'),
  INBOUND_CALL_HANGUP_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('hangup URL of our numbers for inbound calls (default: INBOUND_WEBHOOK_URL’s origin + /api/v1/webhooks/plivo/voice/hangup)'),
  SIMULATOR_PUBLIC_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('base URL recordings are served from (default: the address it listens on)'),
  AGENT_ANSWERS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((value) => value === 'true')
    .describe('whether the first leg of a click-to-call (the user’s phone) answers'),
  CONTACT_OUTCOME: z.enum(['answer', 'busy', 'no-answer', 'failed']).default('answer').describe('what a phone a <Dial> rings does'),
  TALK_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3_600)
    .default(12)
    .describe('seconds of conversation reported for an answered leg (not waited for)'),
  VOICE_STEP_DELAY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(150)
    .describe('delay between the steps of a simulated call (ringing, answering, hanging up)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type SimulatorConfig = z.infer<typeof simulatorConfigSchema>;

export const loadSimulatorConfig = (env: NodeJS.ProcessEnv = process.env): SimulatorConfig => loadConfig(simulatorConfigSchema, env);

/** What a phone the simulated carrier rings does. */
export const LEG_OUTCOMES = ['answer', 'busy', 'no-answer', 'failed'] as const;
export type LegOutcome = (typeof LEG_OUTCOMES)[number];

/** What tests may change at run time (PUT /simulate/config). */
export interface Behaviour {
  deliveryDelayMs: number;
  failureRate: number;
  duplicateRate: number;
  apiErrorRate: number;
  apiDelayMs: number;
  /** Click-to-call: the user's phone (the call's first leg) answers. */
  agentAnswers: boolean;
  /** What a phone a `<Dial>` rings does (unless a per-number outcome says otherwise). */
  contactOutcome: LegOutcome;
  /** Seconds of conversation an answered leg reports. */
  talkSeconds: number;
  voiceStepDelayMs: number;
}

/** Where an inbound call's answer and hangup webhooks go: set explicitly, or beside the inbound SMS webhook. */
export function inboundCallUrls(config: SimulatorConfig): { answerUrl: string; hangupUrl: string } {
  const origin = new URL(config.INBOUND_WEBHOOK_URL).origin;
  return {
    answerUrl: config.INBOUND_CALL_ANSWER_URL ?? `${origin}/api/v1/webhooks/plivo/voice/answer`,
    hangupUrl: config.INBOUND_CALL_HANGUP_URL ?? `${origin}/api/v1/webhooks/plivo/voice/hangup`,
  };
}
