import { contactIdOfPath, pathOfContact } from './routing';
import { parseRuntimeConfig } from './runtime-config';

describe('F5: deep link /conversations/:contactId', () => {
  it('reads the contact id from the path and writes it back', () => {
    expect(contactIdOfPath('/conversations/65f0c0ffee0000000000abcd')).toBe('65f0c0ffee0000000000abcd');
    expect(contactIdOfPath('/conversations/abc/')).toBe('abc');
    expect(contactIdOfPath('/conversations')).toBeNull();
    expect(contactIdOfPath('/')).toBeNull();
    expect(pathOfContact('abc')).toBe('/conversations/abc');
  });
});

describe('runtime remotes.json', () => {
  it('resolves remote locations against the page and needs all three panels', () => {
    const config = parseRuntimeConfig(
      {
        apiBaseUrl: 'http://api.test/',
        remotes: {
          inbox: '/inbox/mf-manifest.json',
          conversation: 'http://c.test/mf-manifest.json',
          contact_details: 'http://d.test/mf-manifest.json',
        },
      },
      'http://shell.test',
    );
    expect(config.apiBaseUrl).toBe('http://api.test');
    expect(config.remotes.inbox).toBe('http://shell.test/inbox/mf-manifest.json');
    expect(() => parseRuntimeConfig({ remotes: { inbox: 'x' } }, 'http://shell.test')).toThrow(/conversation/);
  });
});
