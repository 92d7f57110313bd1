import { composerDraftOf, draftToKeep } from './composer-draft';

describe('F37: the composer’s kept draft', () => {
  it('is kept once something is typed, with its channel and WhatsApp From', () => {
    const draft = { text: 'Hello', channel: 'whatsapp' as const, whatsappFrom: '+14155550101' };
    expect(draftToKeep(draft)).toBe(draft);
    expect(draftToKeep({ ...draft, text: '' })).toBeNull();
    expect(composerDraftOf(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('a stored record that is not a composer draft is not restored', () => {
    expect(composerDraftOf(null)).toBeNull();
    expect(composerDraftOf({ text: 'Hi', channel: 'fax' })).toBeNull();
    expect(composerDraftOf({ text: 42, channel: 'sms' })).toBeNull();
    expect(composerDraftOf({ text: 'Hi', channel: 'sms', whatsappFrom: 7 })).toEqual({ text: 'Hi', channel: 'sms', whatsappFrom: null });
  });
});
