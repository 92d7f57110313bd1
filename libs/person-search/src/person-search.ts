import { escapeRegex, searchableText, searchWords } from './names';
import { digitsReversed, looksLikePhone, phoneQueryPrefix } from './phone';

/** The keys stored on any document a person is searched by (a contact, a conversation, a call). */
export interface PersonSearchKeys {
  searchKeys: string[];
  phoneDigitsReversed: string | null;
}

export function personSearchKeys(fullName: string | null, phone: string | null): PersonSearchKeys {
  return { searchKeys: searchWords(fullName ?? ''), phoneDigitsReversed: phone ? digitsReversed(phone) : null };
}

/**
 * The store filter for a person search (F2, F7) over documents carrying `searchKeys` and
 * `phoneDigitsReversed`: a phone in any format, or every typed word a prefix of some name word (any order).
 */
export function personSearchFilter(search: string, defaultCountry: string): Record<string, unknown> {
  if (looksLikePhone(search)) {
    const prefix = phoneQueryPrefix(search, defaultCountry);
    return prefix ? { phoneDigitsReversed: { $regex: `^${prefix}` } } : { _id: null };
  }
  const words = searchableText(search).split(/\s+/).filter(Boolean).slice(0, 5);
  return { $and: words.map((word) => ({ searchKeys: { $regex: `^${escapeRegex(word)}` } })) };
}
