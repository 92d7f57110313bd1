import {
  type ContactView,
  ErrorCodes,
  MAX_SMS_SEGMENTS,
  MAX_WHATSAPP_LENGTH,
  MESSAGE_PLACEHOLDERS,
  type MessagePlaceholder,
  renderPlaceholders,
  smsLength,
} from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';

/** The message the guide asks for when an SMS has no From number (F21), word for word. */
export const FROM_NUMBER_REQUIRED_MESSAGE = 'Select a From number in SMS Setting';

/** F22: DND for all channels or for text messages blocks sending; the reason is shown as is. */
export function assertTextAllowed(contact: ContactView): void {
  const name = contact.fullName || contact.phone || 'This contact';
  if (contact.dnd.all) {
    throw new DomainError(ErrorCodes.DND_BLOCKED, `${name} has Do Not Contact set for all channels, so the message was not sent`, {
      details: { dnd: 'all' },
    });
  }
  if (contact.dnd.sms) {
    throw new DomainError(ErrorCodes.DND_BLOCKED, `${name} has Do Not Contact set for text messages, so the message was not sent`, {
      details: { dnd: 'sms' },
    });
  }
}

function placeholderValues(contact: ContactView): Record<MessagePlaceholder, string | null> {
  return {
    'contact.first_name': contact.firstName,
    'contact.last_name': contact.lastName,
    'contact.full_name': contact.fullName || null,
    'contact.phone': contact.phone,
    'contact.email': contact.email,
    'contact.company': contact.company,
  };
}

/** F24: placeholders rendered for this contact; an unknown one is an error naming it, before anything is sent. */
export function renderBody(template: string, contact: ContactView): string {
  const { text, unknown } = renderPlaceholders(template, placeholderValues(contact));
  if (unknown.length) {
    const names = unknown.map((name) => `{{${name}}}`).join(', ');
    const available = Object.keys(MESSAGE_PLACEHOLDERS).map((name) => `{{${name}}}`);
    throw new DomainError(ErrorCodes.UNKNOWN_PLACEHOLDER, `Unknown placeholder ${names}; use one of ${available.join(', ')}`, {
      fields: { body: [`body uses the unknown placeholder ${names}`] },
      details: { unknown, available },
    });
  }
  if (!text.trim()) throw DomainError.validation({ body: ['body is empty once its placeholders are filled in'] });
  return text;
}

/** The rendered body within the channel's limit; returns the SMS segment count. */
export function checkLength(body: string, channel: 'sms' | 'whatsapp'): number {
  const length = smsLength(body);
  if (channel === 'whatsapp') {
    if (body.length > MAX_WHATSAPP_LENGTH) {
      throw new DomainError(
        ErrorCodes.MESSAGE_TOO_LONG,
        `The message is ${body.length} characters; WhatsApp allows ${MAX_WHATSAPP_LENGTH}`,
        {
          fields: { body: [`body must be at most ${MAX_WHATSAPP_LENGTH} characters for WhatsApp`] },
          details: { characters: body.length, limit: MAX_WHATSAPP_LENGTH },
        },
      );
    }
    return length.segments;
  }
  if (length.segments > MAX_SMS_SEGMENTS) {
    const perMessage = length.encoding === 'GSM-7' ? 153 * MAX_SMS_SEGMENTS : 67 * MAX_SMS_SEGMENTS;
    throw new DomainError(
      ErrorCodes.MESSAGE_TOO_LONG,
      `The message needs ${length.segments} SMS segments; the limit is ${MAX_SMS_SEGMENTS} (about ${perMessage} characters${length.encoding === 'UCS-2' ? ' with emoji or special characters' : ''})`,
      {
        fields: { body: [`body must fit in ${MAX_SMS_SEGMENTS} SMS segments (${perMessage} characters as written)`] },
        details: { segments: length.segments, limit: MAX_SMS_SEGMENTS, encoding: length.encoding },
      },
    );
  }
  return length.segments;
}
