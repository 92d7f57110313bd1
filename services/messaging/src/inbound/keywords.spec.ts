import { keywordActionOf } from './keywords';

describe('F25 opt-out keywords', () => {
  it.each(['STOP', 'stop', ' Stop. ', 'STOPALL', 'unsubscribe', 'Cancel', 'END', 'quit!', 'REVOKE', 'optout'])('%s opts out', (text) => {
    expect(keywordActionOf(text)).toMatchObject({ kind: 'opt-out' });
  });

  it.each(['START', 'unstop'])('%s opts back in', (text) => {
    expect(keywordActionOf(text)).toMatchObject({ kind: 'opt-in' });
  });

  it('HELP asks for the help reply', () => {
    expect(keywordActionOf('help')).toEqual({ kind: 'help', keyword: 'HELP' });
  });

  it('a sentence containing a keyword is just a message', () => {
    expect(keywordActionOf('please stop texting me')).toBeNull();
    expect(keywordActionOf('Can we start at 5?')).toBeNull();
  });
});
