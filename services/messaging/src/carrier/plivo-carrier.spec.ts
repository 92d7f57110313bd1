import { outcomeOfError } from './plivo-carrier';

describe('carrier errors decide whether a resend is safe', () => {
  it('busy answers and refused connections are transient: nothing reached the carrier', () => {
    expect(outcomeOfError(new Error('AxiosError: Request failed with status code 503'))).toMatchObject({ kind: 'transient' });
    expect(outcomeOfError(new Error('AxiosError: Request failed with status code 429'))).toMatchObject({ kind: 'transient' });
    expect(outcomeOfError('Error: connect ECONNREFUSED 127.0.0.1:4010\n    at TCPConnectWrap')).toMatchObject({ kind: 'transient' });
  });

  it('timeouts, resets and 5xx are unknown: the carrier may have the message', () => {
    expect(outcomeOfError('AxiosError: timeout of 1500ms exceeded')).toMatchObject({ kind: 'unknown' });
    expect(outcomeOfError('Error: socket hang up ECONNRESET')).toMatchObject({ kind: 'unknown' });
    expect(outcomeOfError(new Error('Request failed with status code 500'))).toMatchObject({ kind: 'unknown' });
  });

  it('4xx is a refusal with a reason', () => {
    expect(outcomeOfError(new Error('Request failed with status code 400'))).toMatchObject({ kind: 'rejected', code: 'http-400' });
    expect(outcomeOfError(new Error('Request failed with status code 401'))).toMatchObject({
      kind: 'rejected',
      reason: expect.stringContaining('credentials'),
    });
  });
});
