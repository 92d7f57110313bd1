import type { ContactView } from '@conversations/contracts';

export type Channel = 'sms' | 'whatsapp' | 'imessage';

export const CHANNELS: { id: Channel; label: string }[] = [
  { id: 'sms', label: 'SMS' },
  { id: 'whatsapp', label: 'WhatsApp' },
  { id: 'imessage', label: 'iMessage' },
];

/** The server's message for a missing From number, word for word (F21). */
export const FROM_NUMBER_REQUIRED_MESSAGE = 'Select a From number in SMS Setting';
export const DND_TEXT_MESSAGE = 'This contact has Do Not Contact set for text messages. Sending is blocked.';
export const DND_ALL_TEXT_MESSAGE = 'This contact has Do Not Contact set for all channels. Sending is blocked.';

/** F22: why DND blocks a text to the contact, naming what is set (all channels, or text messages), or null. */
export function dndTextReason(contact: Pick<ContactView, 'dnd'>): string | null {
  if (contact.dnd.all) return DND_ALL_TEXT_MESSAGE;
  return contact.dnd.sms ? DND_TEXT_MESSAGE : null;
}
export const IMESSAGE_NOT_CONFIGURED_MESSAGE =
  'iMessage is not configured for this account. Ask your admin to connect an iMessage provider, or send by SMS or WhatsApp.';
export const NO_WHATSAPP_NUMBER_MESSAGE = 'This account has no number that can send WhatsApp messages. Send by SMS instead.';
export const WHATSAPP_FROM_REQUIRED_MESSAGE = 'Select a From number for WhatsApp.';

/** The documented placeholders (F24), as the messaging service renders them. */
export const PLACEHOLDERS = {
  'contact.first_name': (contact: ContactView) => contact.firstName,
  'contact.last_name': (contact: ContactView) => contact.lastName,
  'contact.full_name': (contact: ContactView) => contact.fullName,
  'contact.phone': (contact: ContactView) => contact.phone,
  'contact.email': (contact: ContactView) => contact.email,
  'contact.company': (contact: ContactView) => contact.company,
} as const;
type PlaceholderName = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{\{\s*([a-z_.]+)\s*(?:\|([^}]*))?\}\}/g;

export function hasPlaceholders(text: string): boolean {
  return /\{\{[^}]*\}\}/.test(text);
}

/** The text as the contact will read it, or the first unknown placeholder. */
export function renderPlaceholders(text: string, contact: ContactView): { text: string; unknown: string | null } {
  let unknown: string | null = null;
  const rendered = text.replace(PLACEHOLDER, (whole, name: string, fallback: string | undefined) => {
    if (!(name in PLACEHOLDERS)) {
      unknown ??= whole;
      return whole;
    }
    const value = PLACEHOLDERS[name as PlaceholderName](contact);
    return value ? value : (fallback ?? '');
  });
  return { text: rendered, unknown };
}

export interface SendCheck {
  channel: Channel;
  text: string;
  fromNumber: string | null | undefined;
  contact: ContactView | undefined;
  /** How many of the account's numbers can send on the channel; null or absent while not known (the server decides). */
  senderCount?: number | null;
}

/** Why Send cannot go ahead (F18, F21, F22, F24), or null. Shown to the person; nothing is sent. */
export function sendBlockReason({ channel, text, fromNumber, contact, senderCount = null }: SendCheck): string | null {
  if (!contact) return 'Choose a contact first.';
  if (!text.trim()) return 'Type a message first.';
  const dnd = dndTextReason(contact);
  if (dnd) return dnd;
  if (channel === 'imessage') return IMESSAGE_NOT_CONFIGURED_MESSAGE;
  if (!contact.phone) return 'This contact has no phone number.';
  if (channel === 'sms' && !fromNumber) return FROM_NUMBER_REQUIRED_MESSAGE;
  if (channel === 'whatsapp' && !fromNumber && senderCount !== null)
    return senderCount === 0 ? NO_WHATSAPP_NUMBER_MESSAGE : WHATSAPP_FROM_REQUIRED_MESSAGE;
  const { unknown } = renderPlaceholders(text, contact);
  if (unknown)
    return `Unknown placeholder ${unknown}. Use one of: ${Object.keys(PLACEHOLDERS)
      .map((name) => `{{${name}}}`)
      .join(', ')}.`;
  return null;
}

/** Inserts `insert` at the cursor (F20) and returns the new text and cursor position. */
export function insertAtCursor(
  text: string,
  insert: string,
  selectionStart: number,
  selectionEnd = selectionStart,
): { text: string; cursor: number } {
  const start = Math.max(0, Math.min(selectionStart, text.length));
  const end = Math.max(start, Math.min(selectionEnd, text.length));
  return { text: text.slice(0, start) + insert + text.slice(end), cursor: start + insert.length };
}
