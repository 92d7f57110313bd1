import { Response } from 'plivo';
import { isTrue, parsePlivoXml, XmlSyntaxError } from './plivo-xml';

describe('reading Plivo answer XML', () => {
  it('reads what the plivo SDK’s builder writes, entities and nested numbers included', () => {
    const builder = new (
      Response as unknown as new () => {
        addRecord(a: object): unknown;
        addDial(a: object): { addNumber(n: string): unknown };
        addSpeak(t: string): unknown;
        toXML(): string;
      }
    )();
    builder.addRecord({ startOnDialAnswer: true, callbackUrl: 'https://x.test/rec?ref=1&leg=a' });
    builder.addDial({ callerId: '+14155550100', action: 'https://x.test/dial?ref=abc.contact', timeout: 30 }).addNumber('+12125550199');
    builder.addSpeak('Tom & Jerry say <hi> “ünïcode”');
    const document = parsePlivoXml(`<?xml version="1.0" encoding="utf-8"?>\n${builder.toXML()}`);
    expect(document.name).toBe('Response');
    expect(document.children.map((child) => child.name)).toEqual(['Record', 'Dial', 'Speak']);
    expect(document.children[0].attributes).toEqual({ startOnDialAnswer: 'true', callbackUrl: 'https://x.test/rec?ref=1&leg=a' });
    expect(isTrue(document.children[0].attributes.startOnDialAnswer)).toBe(true);
    expect(document.children[1].children).toEqual([{ name: 'Number', attributes: {}, children: [], text: '+12125550199' }]);
    expect(document.children[2].text).toBe('Tom & Jerry say <hi> “ünïcode”');
  });

  it('reads single-quoted attributes, comments, numeric entities and an empty response', () => {
    expect(parsePlivoXml('<Response/>').children).toEqual([]);
    const document = parsePlivoXml("<Response><!-- note --><Hangup reason='rejected' /><Speak>caf&#233; &#x263A;</Speak></Response>");
    expect(document.children[0].attributes.reason).toBe('rejected');
    expect(document.children[1].text).toBe('café ☺');
  });

  it.each([
    'not xml',
    '<Response><Dial></Response>',
    '<Other/>',
    '<Response/><Response/>',
    '<Response><Speak>open',
    '<Response attr=unquoted/>',
    'text<Response/>',
  ])('refuses %s', (xml) => {
    expect(() => parsePlivoXml(xml)).toThrow(XmlSyntaxError);
  });
});
