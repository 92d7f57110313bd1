import { fieldError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Notice, Section, useApi } from '@conversations/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useContactSaved } from './use-contact';

/** F28: pick from the account's tags (or create one), then Save Tags. */
export function TagsSection({ contact }: { contact: ContactView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const saved = useContactSaved();
  const tags = useQuery({ queryKey: ['tags'], queryFn: () => api.listTags(), staleTime: 300_000 });
  const storedIds = contact.tags.map((tag) => tag.id);
  const [selected, setSelected] = useState<string[]>(storedIds);
  const [newTag, setNewTag] = useState('');
  const storedKey = [...storedIds].sort().join(',');
  useEffect(() => setSelected(storedKey ? storedKey.split(',') : []), [storedKey, contact.id]);

  const save = useMutation({ mutationFn: () => api.setTags(contact.id, selected), onSuccess: saved });
  const create = useMutation({
    mutationFn: (name: string) => api.createTag(name),
    onSuccess: (tag) => {
      void queryClient.invalidateQueries({ queryKey: ['tags'] });
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
      {tags.isError ? <Notice kind="error">{messageOf(tags.error)}</Notice> : null}
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
