import { ApiError, fieldError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Field, Notice, Section, useApi } from '@conversations/ui';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { CONTACT_FIELDS, changesOf, formValuesOf, type ContactFormValues } from './contact-form';
import { useContactSaved } from './use-contact';

/** F26: the contact's stored fields; Save Changes → confirmation, field errors from the server. */
export function ContactInfoSection({ contact }: { contact: ContactView }) {
  const api = useApi();
  const saved = useContactSaved();
  const [original, setOriginal] = useState(() => formValuesOf(contact));
  const [values, setValues] = useState<ContactFormValues>(original);
  const [confirmation, setConfirmation] = useState(false);

  // Another contact, or the same one changed elsewhere: show its stored values unless the user is editing.
  const stored = formValuesOf(contact);
  const storedKey = JSON.stringify(stored);
  const dirty = JSON.stringify(values) !== JSON.stringify(original);
  useEffect(() => {
    if (dirty) return;
    setOriginal(stored);
    setValues(stored);
  }, [storedKey, contact.id]);
  useEffect(() => {
    setConfirmation(false);
  }, [contact.id]);

  const save = useMutation({
    mutationFn: () => api.updateContact(contact.id, changesOf(original, values)),
    onSuccess: (updated) => {
      const fresh = formValuesOf(updated);
      setOriginal(fresh);
      setValues(fresh);
      setConfirmation(true);
      saved(updated);
    },
    onError: () => setConfirmation(false),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!dirty) return;
    save.mutate();
  };

  const error = save.error;
  const errorFor = (key: string) => fieldError(error, key);

  return (
    <Section title="Contact Info" testId="section-contact-info">
      <form className="details-form" onSubmit={submit} noValidate>
        <div className="details-grid">
          {CONTACT_FIELDS.map((field) => (
            <Field key={field.key} label={field.label} error={errorFor(field.key)}>
              <input
                className="cv-input"
                name={field.key}
                type={field.type}
                autoComplete={field.autoComplete}
                value={values[field.key]}
                aria-invalid={errorFor(field.key) ? 'true' : undefined}
                onChange={(event) => {
                  setConfirmation(false);
                  setValues({ ...values, [field.key]: event.target.value });
                }}
              />
            </Field>
          ))}
        </div>
        {error ? <Notice kind="error">{error instanceof ApiError && error.status === 422 ? 'Some fields need attention: ' + error.message : messageOf(error)}</Notice> : null}
        {confirmation ? <Notice kind="success">Contact saved. The new details show everywhere.</Notice> : null}
        <div className="details-actions">
          <button type="submit" className="cv-button cv-button--primary" disabled={!dirty || save.isPending}>
            {save.isPending ? 'Saving…' : 'Save Changes'}
          </button>
        </div>
      </form>
    </Section>
  );
}
