import { createPanelBus, panelBus } from './index';

describe('panel bus', () => {
  it('delivers a message to every subscriber of its type only', () => {
    const bus = createPanelBus();
    const selected: string[] = [];
    const updated: string[] = [];
    bus.subscribe('contact-selected', ({ contactId }) => selected.push(contactId));
    bus.subscribe('contact-updated', ({ contactId }) => updated.push(contactId));
    bus.publish('contact-selected', { contactId: 'c1' });
    expect(selected).toEqual(['c1']);
    expect(updated).toEqual([]);
  });

  it('stops delivering after unsubscribe and keeps the last payload for late panels', () => {
    const bus = createPanelBus();
    const seen: string[] = [];
    const unsubscribe = bus.subscribe('contact-selected', ({ contactId }) => seen.push(contactId));
    bus.publish('contact-selected', { contactId: 'c1' });
    unsubscribe();
    bus.publish('contact-selected', { contactId: 'c2' });
    expect(seen).toEqual(['c1']);
    expect(bus.last('contact-selected')).toEqual({ contactId: 'c2' });
  });

  it('a failing listener does not stop the others', () => {
    const bus = createPanelBus();
    const seen: string[] = [];
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    bus.subscribe('open-details', () => {
      throw new Error('boom');
    });
    bus.subscribe('open-details', ({ contactId }) => seen.push(contactId));
    bus.publish('open-details', { contactId: 'c9' });
    expect(seen).toEqual(['c9']);
  });

  it('is one bus per page, even across module copies', () => {
    expect(panelBus()).toBe(panelBus());
  });
});
