import { ErrorCodes } from '@conversations/contracts';
import { MEDIA_LINK_TTL_MS, MediaLinks } from './media-links';

const SECRET = 'a-media-link-secret-of-at-least-32-chars';

describe('MediaLinks', () => {
  it('grants the call and tenant it was issued for', () => {
    const links = new MediaLinks(SECRET, () => 1_000);
    const { token, expiresAt } = links.issue('acme', '65f000000000000000000001');
    expect(expiresAt).toBe(1_000 + MEDIA_LINK_TTL_MS);
    expect(links.verify(token)).toEqual({ tenantId: 'acme', callId: '65f000000000000000000001', expiresAt });
  });

  it('refuses a link whose payload was changed to another tenant or call', () => {
    const links = new MediaLinks(SECRET);
    const { token } = links.issue('acme', '65f000000000000000000001');
    const [, signature] = token.split('.');
    const forged = `${Buffer.from(JSON.stringify(['globex', '65f000000000000000000001', Date.now() + 60_000])).toString('base64url')}.${signature}`;
    expect(() => links.verify(forged)).toThrow(expect.objectContaining({ code: ErrorCodes.FORBIDDEN }));
  });

  it('refuses a link signed with another secret, garbage, and an expired link', () => {
    const { token } = new MediaLinks('another-secret-of-at-least-32-characters').issue('acme', 'x');
    const links = new MediaLinks(SECRET);
    expect(() => links.verify(token)).toThrow(/not valid/);
    expect(() => links.verify('garbage')).toThrow(/not valid/);
    expect(() => links.verify('a.b.c')).toThrow(/not valid/);
    let now = 0;
    const clocked = new MediaLinks(SECRET, () => now);
    const issued = clocked.issue('acme', 'x');
    now = MEDIA_LINK_TTL_MS + 1;
    expect(() => clocked.verify(issued.token)).toThrow(/expired/);
  });
});
