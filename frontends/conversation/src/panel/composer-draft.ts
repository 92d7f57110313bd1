import { CHANNELS, type Channel } from './composer-rules';

/**
 * What the composer keeps for a contact until the message is sent (F37): the text, the channel and the From
 * chosen for it. An SMS's From is the contact's SMS Setting, which the server remembers (F31), so only a
 * WhatsApp From is kept here.
 */
export interface ComposerDraft {
  text: string;
  channel: Channel;
  whatsappFrom: string | null;
}

export const EMPTY_COMPOSER_DRAFT: ComposerDraft = { text: '', channel: 'sms', whatsappFrom: null };

/** A stored draft as the composer uses it, or null when it is not one (another shape, or nothing typed). */
export function composerDraftOf(value: unknown): ComposerDraft | null {
  if (typeof value !== 'object' || value === null) return null;
  const { text, channel, whatsappFrom } = value as Record<string, unknown>;
  if (typeof text !== 'string' || !text) return null;
  if (!CHANNELS.some((each) => each.id === channel)) return null;
  return { text, channel: channel as Channel, whatsappFrom: typeof whatsappFrom === 'string' ? whatsappFrom : null };
}

/** What to keep: a draft is worth keeping once something is typed; an empty box keeps nothing. */
export function draftToKeep(draft: ComposerDraft): ComposerDraft | null {
  return draft.text ? draft : null;
}
