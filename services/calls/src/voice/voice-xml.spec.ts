import { bridgeXml, emptyXml, rejectXml, speakAndHangUpXml, voicemailXml } from './voice-xml';

describe('Plivo XML answers', () => {
  const options = {
    callerId: '+14155550100',
    number: '+12125550199',
    dialActionUrl: 'https://gw.test/api/v1/webhooks/plivo/voice/dial?ref=abc.contact&x=1',
    timeoutSeconds: 25,
  };

  it('F13: bridges to the number with our caller id and the Dial action URL; records from the answer when asked', () => {
    expect(bridgeXml({ ...options, recordingCallbackUrl: 'https://gw.test/api/v1/webhooks/plivo/voice/recording?ref=abc' })).toBe(
      '<Response>' +
        '<Record startOnDialAnswer="true" redirect="false" maxLength="14400" callbackUrl="https://gw.test/api/v1/webhooks/plivo/voice/recording?ref=abc" callbackMethod="POST"/>' +
        '<Dial callerId="+14155550100" action="https://gw.test/api/v1/webhooks/plivo/voice/dial?ref=abc.contact&amp;x=1" method="POST" timeout="25" redirect="true"><Number>+12125550199</Number></Dial>' +
        '</Response>',
    );
    expect(bridgeXml({ ...options, recordingCallbackUrl: null })).not.toContain('<Record');
  });

  it('voicemail: greeting, a beeped recording with its callback, goodbye', () => {
    const xml = voicemailXml('Leave a message & we call back', 'https://gw.test/r?ref=abc.voicemail');
    expect(xml).toBe(
      '<Response><Speak>Leave a message &amp; we call back</Speak>' +
        '<Record maxLength="120" playBeep="true" finishOnKey="#" redirect="false" callbackUrl="https://gw.test/r?ref=abc.voicemail" callbackMethod="POST"/>' +
        '<Speak>Thank you. Goodbye.</Speak><Hangup/></Response>',
    );
  });

  it('F32: a rejected call is a Hangup with reason rejected; the rest are plain', () => {
    expect(rejectXml()).toBe('<Response><Hangup reason="rejected"/></Response>');
    expect(speakAndHangUpXml('Line busy.')).toBe('<Response><Speak>Line busy.</Speak><Hangup/></Response>');
    expect(emptyXml()).toBe('<Response/>');
  });
});
