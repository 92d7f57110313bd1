import { fieldError, messageOf } from '@conversations/api-client';
import type { NoteView } from '@conversations/contracts';
import { Icon, Notice, QueryError, Section, formatListTime, queryKeys, useApi } from '@conversations/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';

/** Most recently updated first (F29). */
export function sortNotes(notes: NoteView[]): NoteView[] {
  return [...notes].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
}

/** F29: notes with preview and last-updated date; Add Note and Edit open the same dialog. */
export function NotesSection({ contactId, timeZone }: { contactId: string; timeZone?: string }) {
  const api = useApi();
  const notes = useQuery({ queryKey: queryKeys.notes(contactId), queryFn: () => api.listNotes(contactId) });
  const [editing, setEditing] = useState<NoteView | 'new' | null>(null);

  return (
    <Section title="Notes" testId="section-notes">
      <div className="details-actions details-actions--start">
        <button type="button" className="cv-button" onClick={() => setEditing('new')}>
          <Icon name="plus" size={16} /> Add Note
        </button>
      </div>
      {notes.isError ? <QueryError query={notes} /> : null}
      {notes.data && !notes.data.items.length ? <span className="details-muted">No notes yet.</span> : null}
      <ul className="details-list" aria-label="Notes">
        {sortNotes(notes.data?.items ?? []).map((note) => (
          <li key={note.id} className="details-note">
            <div className="details-note-text">
              <p>{note.preview || note.body}</p>
              <small>Updated {formatListTime(note.updatedAt, timeZone)}</small>
            </div>
            <button
              type="button"
              className="cv-button cv-button--small"
              onClick={() => setEditing(note)}
              aria-label={`Edit note: ${note.preview.slice(0, 40)}`}
            >
              Edit
            </button>
          </li>
        ))}
      </ul>
      {editing ? <NoteDialog contactId={contactId} note={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Section>
  );
}

function NoteDialog({ contactId, note, onClose }: { contactId: string; note: NoteView | null; onClose: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [body, setBody] = useState(note?.body ?? '');
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const save = useMutation({
    mutationFn: () => (note ? api.updateNote(contactId, note.id, body) : api.createNote(contactId, body)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.notes(contactId) });
      dialog.current?.close();
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <dialog ref={dialog} className="cv-dialog" aria-labelledby="note-dialog-title" onClose={onClose} data-testid="note-dialog">
      <form onSubmit={submit}>
        <h2 id="note-dialog-title">{note ? 'Edit Note' : 'Add Note'}</h2>
        <textarea
          className="cv-textarea"
          rows={6}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-label="Note"
          autoFocus
        />
        {save.isError ? <Notice kind="error">{fieldError(save.error, 'body') ?? messageOf(save.error)}</Notice> : null}
        <div className="cv-dialog-actions">
          <button type="button" className="cv-button" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" className="cv-button cv-button--primary" disabled={!body.trim() || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save'}
          </button>
        </div>
      </form>
    </dialog>
  );
}
