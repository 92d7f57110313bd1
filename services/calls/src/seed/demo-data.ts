import type { CallSettings } from '../settings/call-settings.service';

/** The demo tenants' call handling (same tenant ids as the contacts and messaging seeds). */
export const DEMO_CALL_SETTINGS: Record<string, CallSettings> = {
  acme: {
    recordCalls: true,
    voicemail: true,
    voicemailGreeting: 'You have reached Acme Dental. We cannot take your call right now; please leave a message after the tone.',
    // Ana's phone: the front desk.
    defaultNumber: '+14155550111',
  },
  globex: {
    recordCalls: false,
    voicemail: true,
    voicemailGreeting: 'Thank you for calling Globex Realty. Please leave your name and number after the tone.',
    defaultNumber: '+12125550121',
  },
};

/** How many demo calls each demo tenant gets, spread over its contacts and the last weeks. */
export const DEMO_CALL_COUNTS: Record<string, number> = { acme: 240, globex: 120 };
