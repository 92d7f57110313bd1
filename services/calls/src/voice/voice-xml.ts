import { Response } from 'plivo';

/**
 * The Plivo XML documents our voice webhooks answer with, built with the SDK's own builder (attribute
 * names are checked by it, text and URLs are escaped by it).
 */

/**
 * The builder's methods as it runs them: its bundled typings name Dial's caller id `callerID`, which the
 * builder itself refuses (it accepts `callerId`), and type the nested elements as `object`.
 */
interface XmlBuilder {
  addRecord(attributes: Record<string, string | number | boolean>): unknown;
  addDial(attributes: Record<string, string | number | boolean>): {
    addNumber(number: string, attributes?: Record<string, string>): unknown;
  };
  addSpeak(text: string, attributes?: Record<string, string>): unknown;
  addHangup(attributes?: Record<string, string>): unknown;
  toXML(): string;
}
const newResponse = (): XmlBuilder => new (Response as unknown as new () => XmlBuilder)();

/** Longest recording of a bridged call: Plivo's own default call time limit (4 hours). */
const MAX_CALL_RECORDING_SECONDS = 14_400;
const MAX_VOICEMAIL_SECONDS = 120;

export interface BridgeXmlOptions {
  /** The caller id the dialled phone shows. */
  callerId: string;
  /** The number to put the call through to. */
  number: string;
  /** Dial action URL: where the carrier reports how the `<Dial>` ended. */
  dialActionUrl: string;
  timeoutSeconds: number;
  /** Recording callback URL when the tenant records calls; null otherwise. */
  recordingCallbackUrl: string | null;
}

/** Puts the call through to `number`; with recording on, the conversation is recorded from the moment it is answered. */
export function bridgeXml(options: BridgeXmlOptions): string {
  const response = newResponse();
  if (options.recordingCallbackUrl) {
    // startOnDialAnswer: record the two parties once the dialled phone answers (no beep, in the background).
    response.addRecord({
      startOnDialAnswer: true,
      redirect: false,
      maxLength: MAX_CALL_RECORDING_SECONDS,
      callbackUrl: options.recordingCallbackUrl,
      callbackMethod: 'POST',
    });
  }
  const dial = response.addDial({
    callerId: options.callerId,
    action: options.dialActionUrl,
    method: 'POST',
    timeout: options.timeoutSeconds,
    redirect: true,
  });
  dial.addNumber(options.number);
  return response.toXML();
}

/** Voicemail after no one answered: a greeting, then the caller's message is recorded. */
export function voicemailXml(greeting: string, recordingCallbackUrl: string): string {
  const response = newResponse();
  response.addSpeak(greeting);
  response.addRecord({
    maxLength: MAX_VOICEMAIL_SECONDS,
    playBeep: true,
    finishOnKey: '#',
    redirect: false,
    callbackUrl: recordingCallbackUrl,
    callbackMethod: 'POST',
  });
  response.addSpeak('Thank you. Goodbye.');
  response.addHangup();
  return response.toXML();
}

/** F32 DND inbound: refused before anyone answers (the caller hears a busy/rejected tone, no charge). */
export function rejectXml(): string {
  const response = newResponse();
  response.addHangup({ reason: 'rejected' });
  return response.toXML();
}

/** Tells whoever is on the line why the call ends, then hangs up. */
export function speakAndHangUpXml(text: string): string {
  const response = newResponse();
  response.addSpeak(text);
  response.addHangup();
  return response.toXML();
}

/** Nothing more to do: the call ends (or, on a background callback, nothing is asked of the carrier). */
export function emptyXml(): string {
  return newResponse().toXML();
}
