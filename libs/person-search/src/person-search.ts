import { escapeRegex, searchableText, searchWords } from './names';
import { digitsReversed, looksLikePhone, phonePrefixKeys, phoneQuery } from './phone';

/** The keys stored on any document a person is searched by (a contact, a conversation, a call). */
export interface PersonSearchKeys {
  searchKeys: string[];
  phoneDigitsReversed: string | null;
}

export function personSearchKeys(fullName: string | null, phone: string | null): PersonSearchKeys {
  const phoneKeys = phone ? phonePrefixKeys(phone) : [];
  return {
    searchKeys: [...new Set([...searchWords(fullName ?? ''), ...phoneKeys])],
    phoneDigitsReversed: phone ? digitsReversed(phone) : null,
  };
}

/**
 * The store filter for a person search (F2, F7, F9) over documents carrying `searchKeys` and
 * `phoneDigitsReversed`: the start or the end of a phone number in any format (each branch an anchored prefix on
 * one indexed field), or every typed word a prefix of some name word (any order).
 */
export function personSearchFilter(search: string, defaultCountry: string): Record<string, unknown> {
  if (looksLikePhone(search)) {
    const query = phoneQuery(search, defaultCountry);
    if (!query) return { _id: null };
    return {
      $or: [
        ...query.keyPrefixes.map((prefix) => ({ searchKeys: { $regex: `^${prefix}` } })),
        { phoneDigitsReversed: { $regex: `^${query.reversedPrefix}` } },
      ],
    };
  }
  const words = searchableText(search).split(/\s+/).filter(Boolean).slice(0, 5);
  return { $and: words.map((word) => ({ searchKeys: { $regex: `^${escapeRegex(word)}` } })) };
}
