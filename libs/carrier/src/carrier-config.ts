import { z } from 'zod';

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
