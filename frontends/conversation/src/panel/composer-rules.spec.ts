import { contactFixture } from '@conversations/ui/testing';
import {
  DND_ALL_TEXT_MESSAGE,
  DND_TEXT_MESSAGE,
  FROM_NUMBER_REQUIRED_MESSAGE,
  NO_WHATSAPP_NUMBER_MESSAGE,
  WHATSAPP_FROM_REQUIRED_MESSAGE,
  insertAtCursor,
  renderPlaceholders,
  sendBlockReason,
} from './composer-rules';

const contact = contactFixture;

describe('composer rules', () => {
  it('F21: an SMS without a From number is refused with the guide’s message', () => {
    expect(sendBlockReason({ channel: 'sms', text: 'Hi', fromNumber: null, contact: contact() })).toBe(FROM_NUMBER_REQUIRED_MESSAGE);
    expect(sendBlockReason({ channel: 'sms', text: 'Hi', fromNumber: '+14155550999', contact: contact() })).toBeNull();
  });

  it('F21: needs text and a contact', () => {
    expect(sendBlockReason({ channel: 'sms', text: '   ', fromNumber: '+1', contact: contact() })).toMatch(/Type a message/);
    expect(sendBlockReason({ channel: 'sms', text: 'Hi', fromNumber: '+1', contact: undefined })).toMatch(/Choose a contact/);
  });

  it('F22: DND for text or all channels blocks sending, on every text channel, saying which is set (#14 §7)', () => {
    const dnd = { all: false, email: false, sms: true, calls: false, inboundCallsAndSms: false };
    expect(sendBlockReason({ channel: 'sms', text: 'Hi', fromNumber: '+1', contact: contact({ dnd }) })).toBe(DND_TEXT_MESSAGE);
    expect(
      sendBlockReason({ channel: 'whatsapp', text: 'Hi', fromNumber: null, contact: contact({ dnd: { ...dnd, sms: false, all: true } }) }),
    ).toBe(DND_ALL_TEXT_MESSAGE);
    expect(DND_ALL_TEXT_MESSAGE).toContain('all channels');
    expect(
      sendBlockReason({ channel: 'sms', text: 'Hi', fromNumber: '+1', contact: contact({ dnd: { ...dnd, sms: false, calls: true } }) }),
    ).toBeNull();
  });

  it('F18: iMessage is not configured, and says what to do instead', () => {
    expect(sendBlockReason({ channel: 'imessage', text: 'Hi', fromNumber: '+1', contact: contact() })).toMatch(
      /not configured.*Ask your admin.*send by SMS or WhatsApp/,
    );
  });

  it('F18: WhatsApp needs a WhatsApp From when the account has some, and says so when it has none', () => {
    const whatsapp = { channel: 'whatsapp' as const, text: 'Hi', contact: contact() };
    expect(sendBlockReason({ ...whatsapp, fromNumber: '+14155550101', senderCount: 1 })).toBeNull();
    expect(sendBlockReason({ ...whatsapp, fromNumber: null, senderCount: 2 })).toBe(WHATSAPP_FROM_REQUIRED_MESSAGE);
    expect(sendBlockReason({ ...whatsapp, fromNumber: null, senderCount: 0 })).toBe(NO_WHATSAPP_NUMBER_MESSAGE);
    // Numbers not known (messaging down): the server picks, or says why not.
    expect(sendBlockReason({ ...whatsapp, fromNumber: null })).toBeNull();
  });

  it('F24: renders placeholders with fallbacks and names an unknown one before sending', () => {
    expect(renderPlaceholders('Hi {{contact.first_name}}!', contact()).text).toBe('Hi Ana!');
    expect(renderPlaceholders('Hi {{ contact.company | there }}', contact()).text).toBe('Hi  there ');
    expect(renderPlaceholders('Hi {{contact.nickname}}', contact()).unknown).toBe('{{contact.nickname}}');
    expect(sendBlockReason({ channel: 'sms', text: 'Hi {{contact.nickname}}', fromNumber: '+1', contact: contact() })).toMatch(
      /Unknown placeholder \{\{contact.nickname\}\}/,
    );
  });

  it('F20: an emoji goes in at the cursor, replacing a selection', () => {
    expect(insertAtCursor('Hello world', '🙂', 5)).toEqual({ text: 'Hello🙂 world', cursor: 7 });
    expect(insertAtCursor('Hello world', '👋', 6, 11)).toEqual({ text: 'Hello 👋', cursor: 8 });
  });
});
