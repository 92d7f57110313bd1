import { messageOf } from '@conversations/api-client';
import type { ContactView, DndChannel, DndSettings } from '@conversations/contracts';
import { Notice, Section, useApi, useContactSaved } from '@conversations/ui';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';

/** The guide's words for each Do Not Contact choice (F32). */
export const DND_CHOICES: { key: DndChannel; label: string; hint?: string }[] = [
  { key: 'all', label: 'DND all channels', hint: 'Blocks everything.' },
  { key: 'email', label: 'Emails' },
  { key: 'sms', label: 'Text Messages' },
  { key: 'calls', label: 'Calls & Voicemails' },
  {
    key: 'inboundCallsAndSms',
    label: 'DND Inbound Calls and SMS',
    hint: 'Inbound calls are rejected; inbound SMS are kept without a notification.',
  },
];

/** F32: each choice saves as soon as it changes. */
export function DndSection({ contact }: { contact: ContactView }) {
  const api = useApi();
  const saved = useContactSaved();
  // The box shows the new choice at once (a controlled checkbox must change in the same event), until saved.
  const [choosing, setChoosing] = useState<Partial<DndSettings>>({});
  const save = useMutation({
    mutationFn: (change: Partial<DndSettings>) => api.updateDnd(contact.id, change),
    onSuccess: saved,
    onSettled: () => setChoosing({}),
  });

  return (
    <Section title="DND (Do Not Contact)" testId="section-dnd">
      <div className="details-checks" role="group" aria-label="Do Not Contact">
        {DND_CHOICES.map((choice) => {
          const checked = choosing[choice.key] ?? contact.dnd[choice.key];
          const coveredByAll = choice.key !== 'all' && choice.key !== 'inboundCallsAndSms' && contact.dnd.all;
          return (
            <label key={choice.key} className="details-check">
              <input
                type="checkbox"
                name={`dnd-${choice.key}`}
                checked={checked || coveredByAll}
                disabled={save.isPending || coveredByAll}
                onChange={(event) => {
                  const change = { [choice.key]: event.target.checked };
                  setChoosing((current) => ({ ...current, ...change }));
                  save.mutate(change);
                }}
              />
              <span>
                {choice.label}
                {choice.hint ? <small>{choice.hint}</small> : null}
              </span>
            </label>
          );
        })}
      </div>
      {save.isError ? <Notice kind="error">{messageOf(save.error)}</Notice> : null}
      {save.isSuccess ? <Notice kind="success">Do Not Contact saved.</Notice> : null}
    </Section>
  );
}
