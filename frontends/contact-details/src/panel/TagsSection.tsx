import { fieldError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Notice, QueryError, SETTINGS_STALE_MS, Section, queryKeys, useApi, useContactSaved } from '@conversations/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';

/** F28: pick from the account's tags (or create one), then Save Tags. */
export function TagsSection({ contact }: { contact: ContactView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const saved = useContactSaved();
  const tags = useQuery({ queryKey: queryKeys.tags(), queryFn: () => api.listTags(), staleTime: SETTINGS_STALE_MS });
  const storedIds = contact.tags.map((tag) => tag.id).sort();
  const storedKey = storedIds.join(',');
  const [selected, setSelected] = useState<string[]>(storedIds);
  // Another contact, or its tags saved (here or elsewhere): the stored tags show again. Adjusted while
  // rendering, as React advises for state that follows a prop, so no render shows the old choice.
  const [shown, setShown] = useState({ contactId: contact.id, storedKey });
  if (shown.contactId !== contact.id || shown.storedKey !== storedKey) {
    setShown({ contactId: contact.id, storedKey });
    setSelected(storedIds);
  }
  const [newTag, setNewTag] = useState('');

  const save = useMutation({ mutationFn: () => api.setTags(contact.id, selected), onSuccess: saved });
  const create = useMutation({
    mutationFn: (name: string) => api.createTag(name),
    onSuccess: (tag) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.tags() });
      setSelected((current) => [...current, tag.id]);
      setNewTag('');
    },
  });
  const dirty = [...selected].sort().join(',') !== storedKey;

  const toggle = (id: string) => {
    save.reset();
    setSelected((current) => (current.includes(id) ? current.filter((each) => each !== id) : [...current, id]));
  };
  const submitNew = (event: FormEvent) => {
    event.preventDefault();
    if (newTag.trim()) create.mutate(newTag.trim());
  };

  return (
    <Section title="Tags" testId="section-tags">
      {tags.isError ? <QueryError query={tags} /> : null}
      <div className="details-tags" role="group" aria-label="Tags">
        {(tags.data ?? []).map((tag) => (
          <label key={tag.id} className="details-tag" data-checked={selected.includes(tag.id)}>
            <input type="checkbox" checked={selected.includes(tag.id)} onChange={() => toggle(tag.id)} />
            <span className="details-tag-dot" style={tag.color ? { background: tag.color } : undefined} />
            {tag.name}
          </label>
        ))}
        {tags.data && !tags.data.length ? <span className="details-muted">No tags yet. Create the first one below.</span> : null}
      </div>
      <form className="details-inline" onSubmit={submitNew}>
        <input
          className="cv-input"
          placeholder="New tag name"
          aria-label="New tag name"
          value={newTag}
          onChange={(event) => setNewTag(event.target.value)}
        />
        <button type="submit" className="cv-button" disabled={!newTag.trim() || create.isPending}>
          Create tag
        </button>
      </form>
      {create.isError ? <Notice kind="error">{fieldError(create.error, 'name') ?? messageOf(create.error)}</Notice> : null}
      {save.isError ? <Notice kind="error">{messageOf(save.error)}</Notice> : null}
      {save.isSuccess && !dirty ? <Notice kind="success">Tags saved.</Notice> : null}
      <div className="details-actions">
        <button type="button" className="cv-button cv-button--primary" disabled={!dirty || save.isPending} onClick={() => save.mutate()}>
          {save.isPending ? 'Saving…' : 'Save Tags'}
        </button>
      </div>
    </Section>
  );
}
