import { debounce } from './debounce';

describe('F2: search runs shortly after typing stops', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once, with the last value, after the pause', () => {
    const searched: string[] = [];
    const search = debounce((text: string) => searched.push(text), 300);
    search('a');
    jest.advanceTimersByTime(100);
    search('an');
    jest.advanceTimersByTime(100);
    search('ana');
    jest.advanceTimersByTime(299);
    expect(searched).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(searched).toEqual(['ana']);
  });

  it('runs nothing once cancelled (the search box went away)', () => {
    const searched: string[] = [];
    const search = debounce((text: string) => searched.push(text), 300);
    search('ben');
    search.cancel();
    jest.advanceTimersByTime(1000);
    expect(searched).toEqual([]);
  });
});
