/** F25: the words carriers and the law treat as consent changes when they are the whole message. */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const OPT_IN_KEYWORDS = ['START', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP'] as const;

export type KeywordAction = { kind: 'opt-out' | 'opt-in' | 'help'; keyword: string } | null;

/** "Stop", " STOP! " and "stop." are STOP; "please stop texting" is a message, not a keyword. */
export function keywordActionOf(text: string): KeywordAction {
  const word = text
    .trim()
    .replace(/[.!?\s]+$/u, '')
    .toUpperCase();
  if ((OPT_OUT_KEYWORDS as readonly string[]).includes(word)) return { kind: 'opt-out', keyword: word };
  if ((OPT_IN_KEYWORDS as readonly string[]).includes(word)) return { kind: 'opt-in', keyword: word };
  if ((HELP_KEYWORDS as readonly string[]).includes(word)) return { kind: 'help', keyword: word };
  return null;
}
