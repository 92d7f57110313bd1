/**
 * The audio the simulated carrier serves as a call recording: a real PCM WAV file (8 kHz, mono, 16-bit,
 * like a phone line) of the recording's whole length, a two-tone pattern an `<audio>` element can play
 * and seek in. Every byte is a function of its offset, so any range of an hour-long file is made on
 * demand without holding the file.
 */
const SAMPLE_RATE = 8_000;
const HEADER_BYTES = 44;

export function toneWavSize(seconds: number): number {
  return HEADER_BYTES + sampleCount(seconds) * 2;
}

/** Bytes `start`…`end` (inclusive) of the WAV file of `seconds` seconds. */
export function toneWavBytes(seconds: number, start = 0, end = toneWavSize(seconds) - 1): Buffer {
  const samples = sampleCount(seconds);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + samples * 2, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(samples * 2, 40);
  const out = Buffer.alloc(end - start + 1);
  if (start < HEADER_BYTES) header.copy(out, 0, start, Math.min(HEADER_BYTES, end + 1));
  // The samples the range touches, whole, then the asked bytes of them.
  const first = Math.max(0, Math.floor((start - HEADER_BYTES) / 2));
  const last = Math.floor((end - HEADER_BYTES) / 2);
  const sample = Buffer.alloc(2);
  for (let index = first; index <= last; index++) {
    sample.writeInt16LE(toneAt(index / SAMPLE_RATE));
    for (let byte = 0; byte < 2; byte++) {
      const offset = HEADER_BYTES + index * 2 + byte;
      if (offset >= start && offset <= end) out[offset - start] = sample[byte];
    }
  }
  return out;
}

/** The whole file (small recordings and tests). */
export function toneWav(seconds: number): Buffer {
  return toneWavBytes(seconds);
}

function sampleCount(seconds: number): number {
  return Math.max(1, Math.round(seconds * SAMPLE_RATE));
}

/** 0.8 s tones alternating 440 Hz / 660 Hz with 0.2 s of silence between, faded in and out (no clicks). */
function toneAt(t: number): number {
  const phase = t % 1;
  const frequency = Math.floor(t) % 2 === 0 ? 440 : 660;
  const envelope = phase < 0.8 ? Math.min(1, phase / 0.02, (0.8 - phase) / 0.02) : 0;
  return Math.round(Math.sin(2 * Math.PI * frequency * t) * envelope * 0.3 * 32_767);
}

export type ByteRange = { start: number; end: number };

/**
 * A `Range: bytes=…` header against a body of `size` bytes (RFC 9110 §14): the one range to send, null
 * to send everything (no header, another unit, several ranges or a malformed one — all of which a
 * server may answer with the whole body), or `unsatisfiable` (416).
 */
export function byteRangeOf(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null;
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match || (!match[1] && !match[2])) return null;
  if (!match[1]) {
    const suffix = Number(match[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] ? Number(match[2]) : size - 1;
  if (match[2] && end < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}
