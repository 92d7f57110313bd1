import type { ContactListItem, ContactView, Page } from '@conversations/contracts';
import { uniqueId } from '@conversations/testing';
import { type Backend, GatewayUnderTest, startBackend } from './harness';

describe('gateway: contact list paging and search', () => {
  let backend: Backend;
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    backend = await startBackend();
    gateway = await GatewayUnderTest.start(backend);
  });
  afterAll(async () => {
    await gateway?.stop();
    await backend?.stop();
  });

  it('F4: paging while inserting never repeats a contact and shows every earlier one exactly once', async () => {
    const auth = await gateway.as(uniqueId('tenant'));
    const existing: string[] = [];
    for (let index = 0; index < 30; index++)
      existing.push(
        (
          await gateway
            .http()
            .post('/api/v1/contacts')
            .set(auth)
            .send({ firstName: `Existing${index}` })
            .expect(201)
        ).body.id,
      );

    let walking = true;
    let inserted = 0;
    const inserter = (async () => {
      while (walking) {
        await gateway
          .http()
          .post('/api/v1/contacts')
          .set(auth)
          .send({ firstName: `Concurrent${inserted++}` })
          .expect(201);
      }
    })();

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    try {
      do {
        const page = (
          await gateway
            .http()
            .get('/api/v1/contacts')
            .query({ limit: 7, ...(cursor ? { cursor } : {}) })
            .set(auth)
            .expect(200)
        ).body as Page<ContactListItem>;
        expect(page.items.length).toBeLessThanOrEqual(7);
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
        pages++;
      } while (cursor && pages < 100);
    } finally {
      walking = false;
      await inserter;
    }

    expect(inserted).toBeGreaterThan(0);
    expect(new Set(seen).size).toBe(seen.length);
    const seenExisting = seen.filter((id) => existing.includes(id));
    // Every contact that existed before the walk, exactly once, newest first.
    expect(seenExisting).toEqual([...existing].reverse());
  });

  it('F2: finds a contact by phone written five ways and by name ignoring case and accents', async () => {
    const auth = await gateway.as(uniqueId('tenant'));
    const jose = (
      await gateway
        .http()
        .post('/api/v1/contacts')
        .set(auth)
        .send({ firstName: 'José', lastName: 'Núñez', phone: '+14155550123' })
        .expect(201)
    ).body as ContactView;
    await gateway
      .http()
      .post('/api/v1/contacts')
      .set(auth)
      .send({ firstName: 'Maria', lastName: 'Lopez', phone: '+12125550199' })
      .expect(201);
    const search = async (q: string) =>
      ((await gateway.http().get('/api/v1/contacts').query({ q }).set(auth).expect(200)).body as Page<ContactListItem>).items.map(
        (item) => item.id,
      );

    for (const phone of ['+14155550123', '(415) 555-0123', '415-555-0123', '4155550123', '5550123']) {
      expect({ phone, found: await search(phone) }).toEqual({ phone, found: [jose.id] });
    }
    for (const name of ['jose', 'JOS', 'José', 'nunez', 'NÚÑ', 'jose nu']) {
      expect({ name, found: await search(name) }).toEqual({ name, found: [jose.id] });
    }
    expect(await search('maria jose')).toEqual([]);
    expect(await search('.*')).toEqual([]);
  });
});
