import { loadConfig, serviceConfigSchema } from '@conversations/service-kit';
import { z } from 'zod';

export const contactsConfigSchema = serviceConfigSchema.extend({
  MONGO_DB: z
    .string()
    .regex(/^[a-zA-Z0-9_-]+$/)
    .default('conversations_contacts')
    .describe('database the contacts service owns'),
  DEFAULT_PHONE_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, 'two-letter country code such as US')
    .default('US')
    .describe('country assumed for phone numbers written without a country code'),
  OUTBOX_SWEEP_MS: z.coerce.number().int().min(1000).default(30_000).describe('how often unpublished events are retried'),
});
export type ContactsConfig = z.infer<typeof contactsConfigSchema>;

export const loadContactsConfig = (env: NodeJS.ProcessEnv = process.env) => loadConfig(contactsConfigSchema, env);
export const CONTACTS_CONFIG = Symbol('CONTACTS_CONFIG');
