import { parseAnswer, parseRecording, parseRef, parseStatus } from './carrier-payloads';

describe('carrier webhook payloads', () => {
  it('reads our refs: a call id with an optional leg', () => {
    expect(parseRef(null)).toBeNull();
    expect(parseRef('')).toBeNull();
    expect(parseRef('65f0a1b2c3d4e5f6a7b8c9d0.agent')).toEqual({ callId: expect.anything(), leg: 'agent' });
    expect(String(parseRef('65f0a1b2c3d4e5f6a7b8c9d0')?.callId)).toBe('65f0a1b2c3d4e5f6a7b8c9d0');
    expect(parseRef('65f0a1b2c3d4e5f6a7b8c9d0.voicemail')?.leg).toBe('voicemail');
  });

  it.each(['nope', '65f0a1b2c3d4e5f6a7b8c9d0.boss', '65F0A1B2C3D4E5F6A7B8C9D0', '65f0a1b2c3d4e5f6a7b8c9d0.agent.x'])(
    'a ref that is not ours (%s) is CALL_NOT_FOUND',
    (ref) => {
      expect(() => parseRef(ref)).toThrow(expect.objectContaining({ code: 'CALL_NOT_FOUND' }));
    },
  );

  it('malformed webhooks are VALIDATION_FAILED naming the fields', () => {
    expect(() => parseAnswer({ carrier: 'plivo', from: '1', to: '2', direction: 'sideways' })).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_FAILED',
        extra: { fields: { providerCallId: [expect.any(String)], direction: [expect.any(String)] } },
      }),
    );
    expect(() => parseStatus({ carrier: 'plivo', event: 'hangup', providerCallId: 'x', status: 'completed', durationSeconds: -1 })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
    expect(() =>
      parseRecording({ carrier: 'plivo', providerCallId: 'x', recordingId: 'r', recordingUrl: 'file:///etc/passwd', durationSeconds: 3 }),
    ).toThrow(expect.objectContaining({ extra: { fields: { recordingUrl: [expect.any(String)] } } }));
    expect(() => parseStatus(undefined)).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('optional fields default to null', () => {
    expect(parseStatus({ carrier: 'plivo', event: 'dial', providerCallId: 'a', status: 'busy' })).toEqual({
      carrier: 'plivo',
      event: 'dial',
      providerCallId: 'a',
      status: 'busy',
      durationSeconds: null,
      hangupCause: null,
      dialLegCallId: null,
      from: null,
      to: null,
      ref: null,
    });
  });
});
