import { QueryError, SkeletonRows } from '@conversations/ui';
import { useId } from 'react';
import { eventTypeLabel, groupEventTypes } from './event-type-groups';
import { useEventTypes } from './webhook-queries';

/**
 * Which events an endpoint receives: all of them (also types added later; `null`), or the ones ticked,
 * grouped by prefix from GET /webhook-event-types.
 */
export function EventTypesPicker({
  value,
  onChange,
  error,
}: {
  value: string[] | null;
  onChange: (value: string[] | null) => void;
  error?: string;
}) {
  const name = useId();
  const errorId = useId();
  return (
    <fieldset className="settings-event-types" aria-describedby={error ? errorId : undefined}>
      <legend>Event types</legend>
      <label className="settings-choice">
        <input type="radio" name={name} checked={value === null} onChange={() => onChange(null)} />
        <span>All event types, including ones added later</span>
      </label>
      <label className="settings-choice">
        <input type="radio" name={name} checked={value !== null} onChange={() => onChange(value ?? [])} />
        <span>Only the types I choose</span>
      </label>
      {value !== null ? <EventTypeChecklist value={value} onChange={onChange} /> : null}
      {error ? (
        <small id={errorId} className="cv-field-error">
          {error}
        </small>
      ) : null}
    </fieldset>
  );
}

function EventTypeChecklist({ value, onChange }: { value: string[]; onChange: (value: string[]) => void }) {
  const eventTypes = useEventTypes();
  if (eventTypes.isPending) return <SkeletonRows count={3} height={28} />;
  if (eventTypes.isError) return <QueryError query={eventTypes}>The event types could not be loaded.</QueryError>;
  const chosen = new Set(value);
  const set = (types: string[], on: boolean) => {
    const next = new Set(chosen);
    for (const type of types) {
      if (on) next.add(type);
      else next.delete(type);
    }
    // The server's order, so the request (and the endpoint's list) reads like the picker.
    onChange(eventTypes.data.filter((type) => next.has(type)));
  };
  return (
    <div className="settings-event-groups">
      {groupEventTypes(eventTypes.data).map((group) => {
        const all = group.types.every((type) => chosen.has(type));
        return (
          <fieldset key={group.prefix} className="settings-event-group">
            <legend>{group.label}</legend>
            <button
              type="button"
              className="cv-link settings-group-toggle"
              aria-label={`${all ? 'Clear' : 'Select all'} ${group.label.toLowerCase()} events`}
              onClick={() => set(group.types, !all)}
            >
              {all ? 'Clear' : 'Select all'}
            </button>
            {group.types.map((type) => (
              <label key={type} className="settings-choice" title={type}>
                <input type="checkbox" value={type} checked={chosen.has(type)} onChange={(event) => set([type], event.target.checked)} />
                <span>{eventTypeLabel(type)}</span>
              </label>
            ))}
          </fieldset>
        );
      })}
    </div>
  );
}
