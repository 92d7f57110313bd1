import { type CallRecordingSource, ErrorCodes } from '@conversations/contracts';
import { DomainError } from '@conversations/service-kit';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** One byte range (`bytes=0-`, `bytes=100-199`, `bytes=-500`); anything else is ignored, as HTTP allows. */
const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/;
const PASSED_HEADERS = ['content-length', 'content-range', 'last-modified', 'etag'];

/**
 * Streams a call recording from where the carrier keeps it, passing the browser's Range through so an
 * `<audio>` element can seek (206 Partial Content, 416 when unsatisfiable) without the gateway holding the
 * file. Nothing is buffered: the carrier's bytes go straight to the client, and a client that leaves stops
 * the download.
 */
export class RecordingStreamer {
  constructor(private readonly timeoutMs: number) {}

  async stream(source: CallRecordingSource, range: string | undefined, response: ServerResponse): Promise<void> {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), this.timeoutMs);
    const forwardedRange = range && SINGLE_RANGE.test(range.trim()) && range.trim() !== 'bytes=-' ? range.trim() : undefined;
    let upstream: Response;
    try {
      upstream = await fetch(source.sourceUrl, {
        headers: forwardedRange ? { range: forwardedRange } : {},
        signal: abort.signal,
        redirect: 'follow',
      });
    } catch {
      throw unavailable();
    } finally {
      clearTimeout(timer);
    }
    if (upstream.status === 404 || upstream.status === 410)
      throw new DomainError(ErrorCodes.RECORDING_NOT_FOUND, 'The carrier no longer has this recording');
    if (upstream.status === 416) {
      void upstream.body?.cancel();
      response.writeHead(416, { 'content-range': upstream.headers.get('content-range') ?? 'bytes */*', 'accept-ranges': 'bytes' });
      response.end();
      return;
    }
    if (upstream.status !== 200 && upstream.status !== 206) {
      void upstream.body?.cancel();
      throw unavailable();
    }
    const headers: Record<string, string> = {
      'content-type': source.contentType,
      'accept-ranges': 'bytes',
      // Private audio of one tenant: browsers may keep it for this session's seeking, shared caches never.
      'cache-control': 'private, max-age=300',
    };
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value) headers[name] = value;
    }
    response.writeHead(upstream.status, headers);
    if (!upstream.body) return void response.end();
    const body = Readable.fromWeb(upstream.body as WebReadableStream<Uint8Array>);
    response.on('close', () => {
      if (!response.writableFinished) abort.abort();
      body.destroy();
    });
    body.on('error', () => response.destroy());
    body.pipe(response);
  }
}

function unavailable(): DomainError {
  return new DomainError(ErrorCodes.SERVICE_UNAVAILABLE, 'The carrier did not hand over the recording; please try again shortly', {
    details: { service: 'carrier' },
  });
}
