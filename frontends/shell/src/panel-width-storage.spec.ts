import { loadChosenWidths, panelWidthsKey, saveChosenWidths } from './panel-width-storage';

/** An in-memory Storage, like the browser's localStorage. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('F34, #14 §8: chosen widths are remembered per tenant and user', () => {
  it('each user on one browser gets their own widths back; another tenant’s user of the same id does not', () => {
    const storage = memoryStorage();
    saveChosenWidths(storage, panelWidthsKey('acme', 'u-ana'), { inbox: 480 });
    saveChosenWidths(storage, panelWidthsKey('acme', 'u-ben'), { 'contact-details': 420 });

    expect(loadChosenWidths(storage, panelWidthsKey('acme', 'u-ana'))).toEqual({ inbox: 480 });
    expect(loadChosenWidths(storage, panelWidthsKey('acme', 'u-ben'))).toEqual({ 'contact-details': 420 });
    expect(loadChosenWidths(storage, panelWidthsKey('globex', 'u-ana'))).toEqual({});
    // Ids with the separator in them cannot collide with another owner's key.
    expect(panelWidthsKey('a:b', 'c')).not.toBe(panelWidthsKey('a', 'b:c'));
  });

  it('nothing chosen (after a reset) removes the record', () => {
    const storage = memoryStorage();
    const key = panelWidthsKey('acme', 'u-ana');
    saveChosenWidths(storage, key, { inbox: 480, 'contact-details': 400 });
    saveChosenWidths(storage, key, {});
    expect(storage.getItem(key)).toBeNull();
    expect(storage.length).toBe(0);
  });

  it('a damaged record, a wrong shape or storage that refuses counts as no choice, and saving never throws', () => {
    const storage = memoryStorage();
    const key = panelWidthsKey('acme', 'u-ana');
    storage.setItem(key, '{not json');
    expect(loadChosenWidths(storage, key)).toEqual({});
    storage.setItem(key, JSON.stringify({ inbox: '480', 'contact-details': null, other: 3 }));
    expect(loadChosenWidths(storage, key)).toEqual({});
    storage.setItem(key, JSON.stringify([400]));
    expect(loadChosenWidths(storage, key)).toEqual({});
    expect(loadChosenWidths(null, key)).toEqual({});

    const full = {
      ...memoryStorage(),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    } as Storage;
    expect(() => saveChosenWidths(full, key, { inbox: 480 })).not.toThrow();
  });
});
