import { ApiError, messageOf } from '@conversations/api-client';
import type { ContactView } from '@conversations/contracts';
import { Field, Notice, QueryError, Section, Unavailable, formatPhone, useNumbers, useSetSmsFrom, useSmsFrom } from '@conversations/ui';

/** F31: From = the account's numbers that can send SMS, remembered per contact; To = the contact's number. */
export function SmsSettingSection({ contact }: { contact: ContactView }) {
  const numbers = useNumbers();
  const smsFrom = useSmsFrom(contact.id);
  const save = useSetSmsFrom(contact.id);
  const unavailable = [numbers.error, smsFrom.error].some((error) => error instanceof ApiError && error.isUnavailable);

  return (
    <Section title="SMS Setting" testId="section-sms-setting">
      {unavailable ? (
        <Unavailable
          what="SMS Setting"
          detail="Sending numbers cannot be loaded right now (the messaging service is not available)."
          onRetry={() => {
            void numbers.refetch();
            void smsFrom.refetch();
          }}
        />
      ) : (
        <>
          <Field label="From">
            <select
              className="cv-select"
              name="sms-from"
              value={save.isPending ? (save.variables ?? '') : (smsFrom.data?.from ?? '')}
              disabled={numbers.isPending || smsFrom.isPending || save.isPending}
              onChange={(event) => save.mutate(event.target.value || null)}
            >
              <option value="">Select a From number</option>
              {(numbers.data ?? [])
                .filter((number) => number.capabilities.sms)
                .map((number) => (
                  <option key={number.id} value={number.number}>
                    {formatPhone(number.number)} {number.label ? `· ${number.label}` : ''}
                  </option>
                ))}
            </select>
          </Field>
          <Field label="To">
            <input
              className="cv-input"
              readOnly
              value={formatPhone(smsFrom.data?.to ?? contact.phone) || 'No phone number'}
              aria-readonly="true"
            />
          </Field>
          {numbers.isError ? <QueryError query={numbers} /> : smsFrom.isError ? <QueryError query={smsFrom} /> : null}
          {save.isError ? <Notice kind="error">{messageOf(save.error)}</Notice> : null}
          {save.isSuccess ? <Notice kind="success">From number saved.</Notice> : null}
        </>
      )}
    </Section>
  );
}
