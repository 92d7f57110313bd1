import { carrierConfigShape } from '@conversations/carrier';
import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

const milliseconds = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);

export const messagingConfigSchema = serviceConfigSchema
  .extend({
    MONGO_DB: z
      .string()
      .regex(/^[a-zA-Z0-9_-]+$/)
      .default('conversations_messaging')
      .describe('database the messaging service owns'),
    ...carrierConfigShape,
    SEND_WORKER: z
      .enum(['embedded', 'off'])
      .default('embedded')
      .describe('run the outbound send worker inside this process (off: run src/worker.ts separately)'),
    SEND_LEASE_MS: milliseconds(30_000, 500).describe('how long a worker owns a message it is sending; after it the send is reconciled'),
    CARRIER_TIMEOUT_MS: milliseconds(10_000, 100).describe('how long one carrier API call may take (must be shorter than SEND_LEASE_MS)'),
    RECONCILE_AFTER_MS: milliseconds(60_000, 100).describe(
      'how long to wait for a carrier callback before an interrupted send is sent again',
    ),
    SEND_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8).describe('carrier calls one worker makes at a time'),
    SEND_ACK_WAIT_MS: milliseconds(30_000, 1_000).describe(
      'how long a work item taken by a worker that died waits before another worker gets it',
    ),
    SEND_MAX_ATTEMPTS: z.coerce
      .number()
      .int()
      .min(1)
      .max(20)
      .default(6)
      .describe('carrier attempts for transient errors before a message fails'),
    DISPATCH_SWEEP_MS: milliseconds(5_000, 50).describe('how often the worker looks for interrupted or stranded sends'),
    OUTBOX_SWEEP_MS: milliseconds(30_000, 100).describe('how often unpublished events are retried'),
    SCHEDULE_SWEEP_MS: milliseconds(1_000, 50).describe(
      'F38: how often the send worker looks for scheduled messages falling due before its next look (it holds them and sends each at its time)',
    ),
    SCHEDULE_LEASE_MS: milliseconds(15_000, 500).describe(
      'F38: how long past its time a scheduled message stays with the worker that claimed it; a worker that dies leaves it to another after this',
    ),
    SCHEDULE_BATCH_SIZE: z.coerce
      .number()
      .int()
      .min(1)
      .max(1_000)
      .default(200)
      .describe('F38: scheduled messages one worker claims per look at most'),
    SCHEDULE_MIN_LEAD_MS: milliseconds(30_000, 0).describe(
      'F38: how far ahead a message may be scheduled at the soonest (tests shorten it)',
    ),
    HELP_REPLY: z
      .string()
      .min(1)
      .max(320)
      .default('{tenant}: for help reply to this number or call us. Reply STOP to opt out of texts, START to opt back in.')
      .describe('reply to an inbound HELP (F25); {tenant} is replaced with the sender number label'),
  })
  .superRefine((config, issues) => {
    if (config.CARRIER_TIMEOUT_MS >= config.SEND_LEASE_MS) {
      issues.addIssue({
        code: 'custom',
        path: ['CARRIER_TIMEOUT_MS'],
        message: 'must be shorter than SEND_LEASE_MS, or a live send could be taken for an interrupted one',
      });
    }
  });
export type MessagingConfig = z.infer<typeof messagingConfigSchema>;

export const loadMessagingConfig = (env: NodeJS.ProcessEnv = process.env): MessagingConfig => loadConfig(messagingConfigSchema, env);
export const MESSAGING_CONFIG = Symbol('MESSAGING_CONFIG');

export function statusCallbackUrl(config: MessagingConfig, ref: string): string {
  return `${config.PUBLIC_WEBHOOK_BASE_URL.replace(/\/$/, '')}/api/v1/webhooks/plivo/message-status?ref=${encodeURIComponent(ref)}`;
}
