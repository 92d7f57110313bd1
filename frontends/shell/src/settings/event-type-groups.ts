/** The picker's groups, in this order; a type of another prefix goes in a group of its own after them. */
const GROUPS: readonly { prefix: string; label: string }[] = [
  { prefix: 'contacts', label: 'Contacts' },
  { prefix: 'messaging', label: 'Messaging' },
  { prefix: 'calls', label: 'Calls' },
  { prefix: 'appointments', label: 'Appointments' },
  { prefix: 'webhooks', label: 'Webhooks' },
];

export interface EventTypeGroup {
  prefix: string;
  label: string;
  types: string[];
}

/** `evt.contacts.tags-changed` → `contacts`. */
export function prefixOf(eventType: string): string {
  return eventType.replace(/^evt\./, '').split('.')[0] ?? eventType;
}

/** `evt.contacts.tags-changed` → "tags changed" (the group already names the prefix); `dnd-changed` → "DND changed". */
export function eventTypeLabel(eventType: string): string {
  const parts = eventType.replace(/^evt\./, '').split('.');
  return (parts.length > 1 ? parts.slice(1).join('.') : parts[0]).replace(/-/g, ' ').replace(/\bdnd\b/, 'DND');
}

/** The server's event types grouped by prefix: contacts, messaging, calls, appointments, webhooks, then any other. */
export function groupEventTypes(eventTypes: readonly string[]): EventTypeGroup[] {
  const byPrefix = new Map<string, string[]>();
  for (const type of eventTypes) {
    const prefix = prefixOf(type);
    byPrefix.set(prefix, [...(byPrefix.get(prefix) ?? []), type]);
  }
  const known = GROUPS.filter((group) => byPrefix.has(group.prefix)).map((group) => ({ ...group, types: byPrefix.get(group.prefix)! }));
  const others = [...byPrefix]
    .filter(([prefix]) => !GROUPS.some((group) => group.prefix === prefix))
    .map(([prefix, types]) => ({ prefix, label: prefix.charAt(0).toUpperCase() + prefix.slice(1), types }));
  return [...known, ...others];
}

/** "All event types" or "3 event types". */
export function eventTypesSummary(eventTypes: readonly string[] | null): string {
  if (eventTypes === null) return 'All event types';
  return eventTypes.length === 1 ? '1 event type' : `${eventTypes.length} event types`;
}
