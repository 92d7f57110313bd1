/** Lower-case, accents removed: the form names are stored and searched in (F2). */
export function searchableText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/** Words of a name in searchable form, e.g. "José  O'Brien-Núñez" → ["jose", "o'brien-nunez", "obrien", "nunez", "brien"]. */
export function searchWords(value: string): string[] {
  const words = new Set<string>();
  for (const word of searchableText(value).split(/\s+/).filter(Boolean)) {
    words.add(word);
    const stripped = word.replace(/[^\p{L}\p{N}-]/gu, '');
    if (stripped) words.add(stripped);
    for (const part of word.split(/[-'’.]/).filter(Boolean)) words.add(part);
  }
  return [...words];
}

export function escapeRegex(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
