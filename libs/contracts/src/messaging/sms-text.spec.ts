import { renderPlaceholders, smsLength } from './sms-text';

describe('SMS length (F21)', () => {
  it('counts GSM-7 text in 160/153-character segments, extension characters twice', () => {
    expect(smsLength('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('a'.repeat(161)).segments).toBe(2);
    expect(smsLength('a'.repeat(1530)).segments).toBe(10);
    expect(smsLength('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsLength('Ça va? àèéùì').encoding).toBe('GSM-7');
  });

  it('counts anything else (emoji, most accents) as UCS-2 in 70/67-unit segments', () => {
    expect(smsLength('👋').encoding).toBe('UCS-2');
    expect(smsLength('ñ'.repeat(70)).encoding).toBe('GSM-7');
    expect(smsLength('ő'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsLength('ő'.repeat(71)).segments).toBe(2);
  });
});

describe('placeholders (F24)', () => {
  it('renders known placeholders with optional fallbacks and collects unknown ones', () => {
    expect(
      renderPlaceholders('Hi {{contact.first_name}} {{ contact.last_name }}!', {
        'contact.first_name': 'Ana',
        'contact.last_name': 'Ruiz',
      }),
    ).toEqual({ text: 'Hi Ana Ruiz!', unknown: [] });
    expect(renderPlaceholders('Hi {{contact.first_name|there}}', { 'contact.first_name': null }).text).toBe('Hi there');
    expect(renderPlaceholders('{{contact.nick}} {{user.name}} {{contact.nick}}', {}).unknown).toEqual(['contact.nick', 'user.name']);
  });
});
