import { isFinal, movesForward, reasonOfCarrierCode, statusOfCarrierState } from './status-rules';

describe('F16: outbound status only moves forward', () => {
  it('queued → sent → final; never back, never from one final to another', () => {
    expect(movesForward('queued', 'sent')).toBe(true);
    expect(movesForward('queued', 'delivered')).toBe(true);
    expect(movesForward('sent', 'delivered')).toBe(true);
    expect(movesForward('delivered', 'sent')).toBe(false);
    expect(movesForward('delivered', 'failed')).toBe(false);
    expect(movesForward('sent', 'sent')).toBe(false);
    expect(isFinal('undelivered')).toBe(true);
  });

  it('maps Plivo states, ignoring its own queued', () => {
    expect(statusOfCarrierState('queued')).toBeNull();
    expect(statusOfCarrierState('sent')).toBe('sent');
    expect(statusOfCarrierState('read')).toBe('delivered');
    expect(statusOfCarrierState('rejected')).toBe('failed');
  });

  it('F40: translates carrier codes into plain words', () => {
    expect(reasonOfCarrierCode('40', 'undelivered')).toMatch(/unreachable/);
    expect(reasonOfCarrierCode('9999', 'failed')).toBe('The carrier reported error 9999.');
    expect(reasonOfCarrierCode(null, 'undelivered')).toMatch(/could not deliver/);
  });
});
