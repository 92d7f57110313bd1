import { inboundCallUrls, simulatorConfigSchema } from './config';

describe('simulator configuration', () => {
  it('sends inbound calls beside the inbound SMS webhook unless told otherwise', () => {
    const derived = simulatorConfigSchema.parse({ INBOUND_WEBHOOK_URL: 'http://127.0.0.1:3123/api/v1/webhooks/plivo/inbound' });
    expect(inboundCallUrls(derived)).toEqual({
      answerUrl: 'http://127.0.0.1:3123/api/v1/webhooks/plivo/voice/answer',
      hangupUrl: 'http://127.0.0.1:3123/api/v1/webhooks/plivo/voice/hangup',
    });
    const explicit = simulatorConfigSchema.parse({
      INBOUND_CALL_ANSWER_URL: 'https://gw.example.test/a',
      INBOUND_CALL_HANGUP_URL: 'https://gw.example.test/h',
    });
    expect(inboundCallUrls(explicit)).toEqual({ answerUrl: 'https://gw.example.test/a', hangupUrl: 'https://gw.example.test/h' });
  });

  it('reads the voice defaults and refuses bad ones', () => {
    expect(simulatorConfigSchema.parse({ AGENT_ANSWERS: 'false', CONTACT_OUTCOME: 'busy' })).toMatchObject({
      AGENT_ANSWERS: false,
      CONTACT_OUTCOME: 'busy',
      TALK_SECONDS: 12,
      VOICE_STEP_DELAY_MS: 150,
    });
    expect(simulatorConfigSchema.safeParse({ CONTACT_OUTCOME: 'maybe' }).success).toBe(false);
    expect(simulatorConfigSchema.safeParse({ AGENT_ANSWERS: 'yes' }).success).toBe(false);
  });
});
