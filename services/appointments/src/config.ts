import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

export const appointmentsConfigSchema = serviceConfigSchema.extend({
  MONGO_DB: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('conversations_appointments')
    .describe('database the appointments service owns'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(1000).default(30_000).describe('how often unpublished events are retried'),
  CONTACTS_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(5_000)
    .describe('how long a request to the contacts service may take'),
});
export type AppointmentsConfig = z.infer<typeof appointmentsConfigSchema>;

export const loadAppointmentsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(appointmentsConfigSchema, env);
export const APPOINTMENTS_CONFIG = Symbol('APPOINTMENTS_CONFIG');
