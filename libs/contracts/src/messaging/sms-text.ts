/**
 * SMS length rules and personalization placeholders, shared by the server (which enforces them) and the
 * composer (which previews them, F24).
 */

// GSM 03.38 basic set plus the extension table (extension characters cost two septets).
const GSM_BASIC = new Set(
  Array.from(
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
  ),
);
const GSM_EXTENDED = new Set(Array.from('^{}\\[~]|€\f'));

export const MAX_SMS_SEGMENTS = 10;
export const MAX_WHATSAPP_LENGTH = 4096;

export interface SmsLength {
  encoding: 'GSM-7' | 'UCS-2';
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  units: number;
  segments: number;
}

export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const character of text) {
    if (GSM_BASIC.has(character)) septets += 1;
    else if (GSM_EXTENDED.has(character)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: septets, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
  const units = text.length;
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** The documented placeholders (F24): `{{contact.first_name}}`, optionally with a fallback `{{contact.first_name|there}}`. */
export const MESSAGE_PLACEHOLDERS = {
  'contact.first_name': 'the contact’s first name',
  'contact.last_name': 'the contact’s last name',
  'contact.full_name': 'the contact’s full name',
  'contact.phone': 'the contact’s phone number',
  'contact.email': 'the contact’s email address',
  'contact.company': 'the contact’s company',
} as const;
export type MessagePlaceholder = keyof typeof MESSAGE_PLACEHOLDERS;

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

export interface RenderedText {
  text: string;
  unknown: string[];
}

/** Replaces each placeholder with its value (or its fallback, or nothing); collects unknown names. */
export function renderPlaceholders(template: string, values: Partial<Record<MessagePlaceholder, string | null>>): RenderedText {
  const unknown: string[] = [];
  const text = template.replace(PLACEHOLDER, (_match, name: string, fallback: string | undefined) => {
    if (!(name in MESSAGE_PLACEHOLDERS)) {
      if (!unknown.includes(name)) unknown.push(name);
      return '';
    }
    const value = values[name as MessagePlaceholder];
    return value ? value : (fallback ?? '').trim();
  });
  return { text, unknown };
}
