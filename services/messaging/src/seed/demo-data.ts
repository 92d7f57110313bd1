/** The demo tenants' numbers (same tenant ids as the contacts seed): fixed, so reseeding changes nothing. */
export const DEMO_NUMBERS = [
  { tenantId: 'acme', number: '+14155550100', label: 'Acme Dental', capabilities: { sms: true, whatsapp: false, voice: true } },
  { tenantId: 'acme', number: '+14155550101', label: 'Acme Dental WhatsApp', capabilities: { sms: true, whatsapp: true, voice: false } },
  { tenantId: 'acme', number: '+16175550102', label: 'Acme Dental Boston', capabilities: { sms: true, whatsapp: false, voice: true } },
  { tenantId: 'globex', number: '+12125550100', label: 'Globex Realty', capabilities: { sms: true, whatsapp: true, voice: true } },
];

/** Short threads for the first contacts of each demo tenant, oldest first; `in` = from the contact. */
export const DEMO_THREADS: Array<
  Array<{ direction: 'inbound' | 'outbound'; body: string; status?: 'delivered' | 'failed' | 'undelivered' }>
> = [
  [
    { direction: 'outbound', body: 'Hi {first}, this is a reminder of your appointment tomorrow at 10:00.', status: 'delivered' },
    { direction: 'inbound', body: 'Thanks! Can we move it to 11?' },
    { direction: 'outbound', body: 'Done — see you at 11:00.', status: 'delivered' },
  ],
  [
    { direction: 'inbound', body: 'Hello, do you have availability this week?' },
    { direction: 'outbound', body: 'Hi {first}! Thursday 3pm or Friday 9am work. Which do you prefer?', status: 'delivered' },
  ],
  [{ direction: 'outbound', body: 'Your documents are ready to sign, {first}.', status: 'undelivered' }],
  [
    { direction: 'outbound', body: 'Thanks for visiting today, {first}! How was everything?', status: 'delivered' },
    { direction: 'inbound', body: 'Great, thank you 😊' },
  ],
  [{ direction: 'inbound', body: 'Please call me back when you can.' }],
  [{ direction: 'outbound', body: 'Hi {first}, following up on our call — any questions?', status: 'delivered' }],
];
