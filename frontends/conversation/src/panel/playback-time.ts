/** Positions in a recording (F17), as a player shows them and as a screen reader says them. */

function parts(seconds: number) {
  const whole = Math.max(0, Math.floor(seconds));
  return { hours: Math.floor(whole / 3600), minutes: Math.floor((whole % 3600) / 60), seconds: whole % 60 };
}

/** 62 → "1:02"; 3723 → "1:02:03". */
export function clockTime(seconds: number): string {
  const time = parts(seconds);
  const rest = String(time.seconds).padStart(2, '0');
  return time.hours ? `${time.hours}:${String(time.minutes).padStart(2, '0')}:${rest}` : `${time.minutes}:${rest}`;
}

const unit = (count: number, name: string) => `${count} ${name}${count === 1 ? '' : 's'}`;

/** 62 → "1 minute 2 seconds": a seek bar's aria-valuetext, where "1:02" would be read as a time of day. */
export function spokenTime(seconds: number): string {
  const time = parts(seconds);
  const words: string[] = [];
  if (time.hours) words.push(unit(time.hours, 'hour'));
  if (time.minutes) words.push(unit(time.minutes, 'minute'));
  if (time.seconds || !words.length) words.push(unit(time.seconds, 'second'));
  return words.join(' ');
}
