/** Phone numbers as people read them: +14155550100 → (415) 555-0100; other countries keep E.164 with spaces. */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phone);
  if (us) return `(${us[1]}) ${us[2]}-${us[3]}`;
  return phone;
}

/**
 * One label for a contact everywhere (header, every tab): the name, else the phone as people read it (a
 * contact copy without a name carries the raw phone as its name), else "Unnamed contact".
 */
export function contactLabel({ fullName, phone }: { fullName: string | null | undefined; phone: string | null | undefined }): string {
  if (fullName && fullName !== phone) return fullName;
  return formatPhone(phone) || 'Unnamed contact';
}

/** Date and time of an instant in a time zone, short (list rows): "Today 14:05", "Yesterday 09:12", "Mar 3, 14:05". */
export function formatListTime(iso: string, timeZone: string | undefined, now: Date = new Date()): string {
  const date = new Date(iso);
  const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', timeZone }).format(date);
  const day = (value: Date) =>
    new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).format(value);
  if (day(date) === day(now)) return `Today ${time}`;
  if (day(date) === day(new Date(now.getTime() - 86_400_000))) return `Yesterday ${time}`;
  const sameYear = day(date).slice(0, 4) === day(now).slice(0, 4);
  const dateText = new Intl.DateTimeFormat(undefined, {
    month: 'short',
    day: 'numeric',
    year: sameYear ? undefined : 'numeric',
    timeZone,
  }).format(date);
  return `${dateText}, ${time}`;
}

/** 75 → "1m 15s"; 3600 → "1h 0m 0s". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '';
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  if (hours) return `${hours}h ${minutes}m ${rest}s`;
  if (minutes) return `${minutes}m ${rest}s`;
  return `${rest}s`;
}
