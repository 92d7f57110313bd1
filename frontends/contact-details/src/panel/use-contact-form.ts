import type { ContactView } from '@conversations/contracts';
import { useApi, useContactSaved, useDraft, usePanelProps } from '@conversations/ui';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  changesOf,
  contactInfoDraftOf,
  customFieldsOf,
  draftOfForm,
  formStateOf,
  formValuesOf,
  isDirty,
  lastAddedRowNumber,
  sameCustomFieldRows,
  type ContactFieldKey,
  type CustomFieldRow,
} from './contact-form';

/**
 * F26: the Contact Info form's state: fields and custom-field rows, their errors, Save and its confirmation.
 * F37: edits not saved yet are kept in the browser as they are made; switching contact or reloading brings
 * them back, flagged `restoredDraft` (Save / Discard), until they are saved or discarded.
 */
export function useContactForm(contact: ContactView) {
  const api = useApi();
  const saved = useContactSaved();
  const kept = useDraft(usePanelProps(), 'contact-info', contact.id, contactInfoDraftOf);
  const [form, setForm] = useState(() => formStateOf(contact, kept.initial));
  const [restored, setRestored] = useState(kept.initial !== null);
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [confirmation, setConfirmation] = useState(false);
  const addedCount = useRef(lastAddedRowNumber(form.rows));
  const rowsDirty = !sameCustomFieldRows(form.rows, form.originalRows);
  const dirty = isDirty(form);
  const { save: keepDraft } = kept;
  useEffect(() => keepDraft(draftOfForm(form)), [form, keepDraft]);

  // Another contact, or the same one changed elsewhere: show its stored values unless the user is editing.
  // Adjusted while rendering, as React advises for state that follows a prop: no render shows stale values.
  const stored = { contactId: contact.id, key: JSON.stringify([formValuesOf(contact), contact.customFields]) };
  const [shown, setShown] = useState(stored);
  if (shown.contactId !== stored.contactId || shown.key !== stored.key) {
    setShown(stored);
    if (!dirty) setForm(formStateOf(contact));
    if (shown.contactId !== stored.contactId) setConfirmation(false);
  }

  const save = useMutation({
    mutationFn: (customFields: Record<string, string | number | boolean | null> | undefined) =>
      api.updateContact(contact.id, { ...changesOf(form.original, form.values), ...(customFields ? { customFields } : {}) }),
    onSuccess: (updated) => {
      setForm(formStateOf(updated));
      setRestored(false);
      setConfirmation(true);
      saved(updated);
    },
    onError: () => setConfirmation(false),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    save.reset();
    const custom = rowsDirty ? customFieldsOf(form.rows) : null;
    setRowErrors(custom?.errors ?? {});
    if (custom && Object.keys(custom.errors).length) return;
    save.mutate(custom?.fields);
  };

  // Any edit takes the confirmation of the last save away.
  const setRows = (change: (rows: CustomFieldRow[]) => CustomFieldRow[]) => {
    setConfirmation(false);
    setForm((current) => ({ ...current, rows: change(current.rows) }));
  };

  return {
    values: form.values,
    rows: form.rows,
    rowErrors,
    confirmation,
    dirty,
    /** The edits on screen were kept from an earlier visit or before a reload, and are not saved yet. */
    restoredDraft: restored && dirty,
    save,
    submit,
    discard: () => {
      setForm(formStateOf(contact));
      setRestored(false);
      setRowErrors({});
      save.reset();
    },
    setValue: (key: ContactFieldKey, value: string) => {
      setConfirmation(false);
      setForm((current) => ({ ...current, values: { ...current.values, [key]: value } }));
    },
    changeRow: (id: string, change: Partial<CustomFieldRow>) => {
      setRows((rows) => rows.map((row) => (row.id === id ? { ...row, ...change } : row)));
      setRowErrors((current) =>
        Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(`${id}.`) && key !== 'customFields')),
      );
    },
    addRow: () => {
      addedCount.current += 1;
      const id = `new:${addedCount.current}`;
      setRows((rows) => [...rows, { id, key: '', value: '', kind: 'text', added: true }]);
    },
    removeRow: (id: string) => setRows((rows) => rows.filter((row) => row.id !== id)),
  };
}
