import { useDraft, usePanelProps } from '@conversations/ui';
import { useCallback, useEffect, useState } from 'react';
import { EMPTY_COMPOSER_DRAFT, composerDraftOf, draftToKeep, type ComposerDraft } from './composer-draft';

/**
 * The composer's text, channel and WhatsApp From for the contact, kept in the browser as they change so a
 * contact switch or a reload loses nothing (F37); restored when the contact is opened again.
 */
export function useComposerDraft(contactId: string) {
  const kept = useDraft(usePanelProps(), 'composer', contactId, composerDraftOf);
  const [draft, setDraft] = useState(() => kept.initial ?? EMPTY_COMPOSER_DRAFT);
  const { save, clearIf } = kept;
  useEffect(() => save(draftToKeep(draft)), [draft, save]);
  const update = useCallback((changes: Partial<ComposerDraft>) => setDraft((current) => ({ ...current, ...changes })), []);
  /** A message was accepted: its text leaves the box and the kept draft, unless more was typed since. */
  const sent = useCallback(
    (body: string) => {
      setDraft((current) => (current.text === body ? { ...current, text: '' } : current));
      clearIf((stored) => stored.text === body);
    },
    [clearIf],
  );
  return { draft, update, sent };
}
