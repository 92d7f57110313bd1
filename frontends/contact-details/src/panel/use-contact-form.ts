import type { ContactView } from '@conversations/contracts';
import { useApi, useContactSaved } from '@conversations/ui';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import {
  changesOf,
  customFieldRowsOf,
  customFieldsOf,
  formValuesOf,
  sameCustomFieldRows,
  type ContactFieldKey,
  type ContactFormValues,
  type CustomFieldRow,
} from './contact-form';

/** The form as edited, beside the stored values it started from (what Save sends is the difference). */
interface FormState {
  original: ContactFormValues;
  values: ContactFormValues;
  originalRows: CustomFieldRow[];
  rows: CustomFieldRow[];
}

function formStateOf(contact: ContactView): FormState {
  const values = formValuesOf(contact);
  const rows = customFieldRowsOf(contact);
  return { original: values, values, originalRows: rows, rows };
}

/** F26: the Contact Info form's state: fields and custom-field rows, their errors, Save and its confirmation. */
export function useContactForm(contact: ContactView) {
  const api = useApi();
  const saved = useContactSaved();
  const [form, setForm] = useState(() => formStateOf(contact));
  const [rowErrors, setRowErrors] = useState<Record<string, string>>({});
  const [confirmation, setConfirmation] = useState(false);
  const addedCount = useRef(0);
  const rowsDirty = !sameCustomFieldRows(form.rows, form.originalRows);
  const dirty = JSON.stringify(form.values) !== JSON.stringify(form.original) || rowsDirty;

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
    save,
    submit,
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
