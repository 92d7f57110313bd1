import { DRAFT_MAX_AGE_MS, draftKey, draftOwnerOf, dropStaleDrafts, readDraft, removeDraft, writeDraft } from './drafts';

/** localStorage as the browser has it, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (index) => [...items.keys()][index] ?? null,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

const text = (value: unknown) => (typeof value === 'string' ? value : null);
const base64url = (text: string) => btoa(text).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
const jwtWith = (claims: object) => `header.${base64url(JSON.stringify(claims))}.signature`;

describe('F37: drafts kept in the browser', () => {
  it('belong to the tenant and user (the host’s, else the token’s), never to the token itself; else to the API base', () => {
    const apiBaseUrl = 'http://api.test';
    const ana = draftOwnerOf({ apiBaseUrl, token: jwtWith({ tid: 'acme', sub: 'u-ana' }) });
    expect(ana).toBe('acme:u-ana');
    expect(draftOwnerOf({ apiBaseUrl, token: jwtWith({ tid: 'acme', sub: 'u-ben' }) })).not.toBe(ana);
    expect(draftOwnerOf({ apiBaseUrl, token: jwtWith({ tid: 'globex', sub: 'u-ana' }) })).not.toBe(ana);
    // A token for several tenants (or one from getToken) has no `tid`: the shell names tenant and user.
    expect(draftOwnerOf({ apiBaseUrl, tenantId: 'acme', userId: 'u-ana', token: jwtWith({ tenants: [] }) })).toBe(ana);
    expect(draftOwnerOf({ apiBaseUrl, token: 'opaque-token' })).toBe('api:http%3A%2F%2Fapi.test');
    expect(draftOwnerOf({ apiBaseUrl })).toBe('api:http%3A%2F%2Fapi.test');
    expect(draftKey(ana, 'composer', 'c1')).not.toContain('signature');
  });

  it('is read back as written, once per key, and removed on request', () => {
    const storage = memoryStorage();
    const key = draftKey('acme:u-ana', 'composer', 'c1');
    writeDraft(storage, key, 'Hello');
    expect(readDraft(storage, key, text)).toBe('Hello');
    expect(readDraft(storage, draftKey('acme:u-ana', 'composer', 'c2'), text)).toBeNull();
    removeDraft(storage, key);
    expect(readDraft(storage, key, text)).toBeNull();
  });

  it('drops a draft older than 30 days, of another version, or damaged', () => {
    const storage = memoryStorage();
    const now = Date.UTC(2026, 5, 1);
    writeDraft(storage, 'conversations.draft:o:composer:old', 'old', now - DRAFT_MAX_AGE_MS - 1);
    writeDraft(storage, 'conversations.draft:o:composer:recent', 'recent', now - DRAFT_MAX_AGE_MS + 1);
    storage.setItem('conversations.draft:o:composer:v0', JSON.stringify({ v: 0, savedAt: now, value: 'x' }));
    storage.setItem('conversations.draft:o:composer:broken', '{not json');
    storage.setItem('someone-else', 'kept');
    expect(readDraft(storage, 'conversations.draft:o:composer:old', text, now)).toBeNull();
    expect(storage.getItem('conversations.draft:o:composer:old')).toBeNull();
    expect(readDraft(storage, 'conversations.draft:o:composer:recent', text, now)).toBe('recent');
    dropStaleDrafts(storage, now);
    expect([...Array(storage.length).keys()].map((index) => storage.key(index))).toEqual([
      'conversations.draft:o:composer:recent',
      'someone-else',
    ]);
  });

  it('a draft the parser refuses is dropped, and storage that throws loses nothing on screen', () => {
    const storage = memoryStorage();
    writeDraft(storage, 'conversations.draft:o:composer:c1', { unexpected: true });
    expect(readDraft(storage, 'conversations.draft:o:composer:c1', text)).toBeNull();
    expect(storage.length).toBe(0);
    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      getItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(() => writeDraft(full, 'k', 'x')).not.toThrow();
    expect(readDraft(full, 'k', text)).toBeNull();
  });
});
