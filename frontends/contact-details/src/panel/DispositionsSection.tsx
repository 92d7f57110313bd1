import { messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Field, Notice, QueryError, SETTINGS_STALE_MS, Section, queryKeys, useApi, useContactSaved } from '@conversations/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId } from 'react';

/** F27: choosing a disposition saves it at once. */
export function DispositionsSection({ contact }: { contact: ContactView }) {
  const api = useApi();
  const saved = useContactSaved();
  const statusId = useId();
  const dispositions = useQuery({
    queryKey: queryKeys.dispositions(),
    queryFn: () => api.listDispositions(),
    staleTime: SETTINGS_STALE_MS,
  });
  const save = useMutation({
    mutationFn: (dispositionId: string | null) => api.setDisposition(contact.id, dispositionId),
    onSuccess: saved,
  });

  return (
    <Section title="Dispositions" testId="section-dispositions">
      <Field label="Disposition">
        <select
          className="cv-select"
          aria-describedby={statusId}
          value={save.isPending ? (save.variables ?? '') : (contact.disposition?.id ?? '')}
          disabled={dispositions.isPending || save.isPending}
          onChange={(event) => save.mutate(event.target.value || null)}
        >
          <option value="">No disposition</option>
          {(dispositions.data ?? []).map((disposition) => (
            <option key={disposition.id} value={disposition.id}>
              {disposition.name}
            </option>
          ))}
        </select>
      </Field>
      <div id={statusId}>
        {dispositions.isError ? <QueryError query={dispositions} /> : null}
        {save.isError ? <Notice kind="error">{messageOf(save.error)}</Notice> : null}
        {save.isSuccess ? <Notice kind="success">Disposition saved.</Notice> : null}
      </div>
    </Section>
  );
}
