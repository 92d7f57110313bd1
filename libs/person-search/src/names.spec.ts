import { escapeRegex, searchableText, searchWords } from './names';

describe('searchable text (F2: case- and accent-insensitive)', () => {
  it('lower-cases and strips accents', () => {
    expect(searchableText('  José ÑÚÑEZ Åström ')).toBe('jose nunez astrom');
  });

  it('indexes each name word and the parts of hyphenated and apostrophe names', () => {
    expect(searchWords("Zoë O'Brien-Núñez")).toEqual(
      expect.arrayContaining(['zoe', "o'brien-nunez", 'obrien-nunez', 'o', 'brien', 'nunez']),
    );
  });

  it('escapes regex metacharacters typed into search', () => {
    expect(new RegExp(`^${escapeRegex('a.b(c')}`).test('a.b(cd')).toBe(true);
    expect(new RegExp(`^${escapeRegex('a.b')}`).test('axb')).toBe(false);
  });
});
