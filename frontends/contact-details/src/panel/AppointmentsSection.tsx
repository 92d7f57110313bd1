import { ApiError, messageOf } from '@conversations/api-client';
import type { AppointmentView } from '@conversations/contracts';
import { Field, Icon, Notice, QueryError, SETTINGS_STALE_MS, Section, Unavailable, queryKeys, useApi } from '@conversations/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';

function formatInZone(iso: string, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(new Date(iso));
}

/** Today's date as YYYY-MM-DD in a time zone. */
function localDate(timeZone: string, offsetDays = 0): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );
}

/** F30: upcoming appointments (date, time, calendar, duration, status), View, Join link, Add with free slots. */
export function AppointmentsSection({ contactId }: { contactId: string }) {
  const api = useApi();
  const appointments = useQuery({ queryKey: queryKeys.appointments(contactId), queryFn: () => api.listAppointments(contactId) });
  const [viewing, setViewing] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);

  if (appointments.error instanceof ApiError && appointments.error.isUnavailable)
    return (
      <Section title="Appointments" testId="section-appointments">
        <Unavailable
          what="Appointments"
          detail="Appointments cannot be loaded right now (the appointments service is not available)."
          onRetry={() => void appointments.refetch()}
        />
      </Section>
    );

  return (
    <Section title="Appointments" testId="section-appointments">
      {appointments.isError ? <QueryError query={appointments} /> : null}
      {appointments.data && !appointments.data.items.length ? <span className="details-muted">No upcoming appointments.</span> : null}
      <ul className="details-list" aria-label="Upcoming appointments">
        {(appointments.data?.items ?? []).map((appointment) => (
          <AppointmentRow
            key={appointment.id}
            appointment={appointment}
            open={viewing === appointment.id}
            onToggle={() => setViewing(viewing === appointment.id ? null : appointment.id)}
          />
        ))}
      </ul>
      {adding ? (
        <AddAppointment contactId={contactId} onDone={() => setAdding(false)} />
      ) : (
        <div className="details-actions details-actions--start">
          <button type="button" className="cv-button" onClick={() => setAdding(true)}>
            <Icon name="plus" size={16} /> Add
          </button>
        </div>
      )}
    </Section>
  );
}

function AppointmentRow({ appointment, open, onToggle }: { appointment: AppointmentView; open: boolean; onToggle: () => void }) {
  const zone = appointment.timeZone;
  return (
    <li className="details-appointment">
      <div className="details-appointment-main">
        <div>
          <strong>{formatInZone(appointment.start, zone, { weekday: 'short', month: 'short', day: 'numeric' })}</strong>{' '}
          {formatInZone(appointment.start, zone, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short' })}
          <div className="details-muted">
            {appointment.calendarName} · {appointment.durationMinutes} min · <span className="cv-chip">{appointment.status}</span>
          </div>
        </div>
        <div className="details-appointment-actions">
          <button type="button" className="cv-button cv-button--small" aria-expanded={open} onClick={onToggle}>
            View
          </button>
          {appointment.meetingUrl ? (
            <a className="cv-button cv-button--small" href={appointment.meetingUrl} target="_blank" rel="noreferrer">
              Join
            </a>
          ) : null}
        </div>
      </div>
      {open ? (
        <dl className="details-dl">
          <dt>Title</dt>
          <dd>{appointment.title || '—'}</dd>
          <dt>Ends</dt>
          <dd>{formatInZone(appointment.end, zone, { hour: '2-digit', minute: '2-digit' })}</dd>
          <dt>Notes</dt>
          <dd>{appointment.notes || '—'}</dd>
        </dl>
      ) : null}
    </li>
  );
}

function AddAppointment({ contactId, onDone }: { contactId: string; onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const calendars = useQuery({ queryKey: queryKeys.calendars(), queryFn: () => api.listCalendars(), staleTime: SETTINGS_STALE_MS });
  const [calendarId, setCalendarId] = useState('');
  const calendar = calendars.data?.items.find((each) => each.id === calendarId) ?? calendars.data?.items[0];
  const zone = calendar?.timeZone ?? 'UTC';
  const [date, setDate] = useState('');
  const day = date || localDate(zone);
  const slots = useQuery({
    queryKey: queryKeys.freeSlots.day(calendar?.id, day),
    queryFn: () => api.freeSlots(calendar!.id, day, day),
    enabled: !!calendar,
  });
  const [start, setStart] = useState('');
  const create = useMutation({
    mutationFn: () => api.createAppointment(contactId, { calendarId: calendar!.id, start }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.appointments(contactId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.freeSlots.all() });
      onDone();
    },
  });
  const daySlots = slots.data?.days.flatMap((each) => each.slots) ?? [];

  return (
    <div className="details-add-box">
      {calendars.isError ? <QueryError query={calendars} /> : null}
      {calendars.data && !calendars.data.items.length ? <Notice kind="info">No calendars yet: your admin creates them.</Notice> : null}
      <Field label="Calendar">
        <select className="cv-select" value={calendar?.id ?? ''} onChange={(event) => setCalendarId(event.target.value)}>
          {(calendars.data?.items ?? []).map((each) => (
            <option key={each.id} value={each.id}>
              {each.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`Date (${zone})`}>
        <input className="cv-input" type="date" min={localDate(zone)} value={day} onChange={(event) => setDate(event.target.value)} />
      </Field>
      <div role="group" aria-label="Free times" className="details-slots">
        {slots.isPending && calendar ? <span className="details-muted">Loading free times…</span> : null}
        {slots.data && !daySlots.length ? <span className="details-muted">No free times that day.</span> : null}
        {daySlots.map((slot) => (
          <button
            key={slot.start}
            type="button"
            className="cv-button cv-button--small"
            aria-pressed={start === slot.start}
            onClick={() => setStart(slot.start)}
          >
            {formatInZone(slot.start, zone, { hour: '2-digit', minute: '2-digit' })}
          </button>
        ))}
      </div>
      {slots.isError ? <QueryError query={slots} /> : null}
      {create.isError ? <Notice kind="error">{messageOf(create.error)}</Notice> : null}
      <div className="details-actions">
        <button type="button" className="cv-button" onClick={onDone}>
          Cancel
        </button>
        <button
          type="button"
          className="cv-button cv-button--primary"
          disabled={!start || create.isPending}
          onClick={() => create.mutate()}
        >
          {create.isPending ? 'Booking…' : 'Book appointment'}
        </button>
      </div>
    </div>
  );
}
