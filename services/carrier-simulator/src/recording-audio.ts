/**
 * The audio the simulated carrier serves as a call recording: a real PCM WAV file (8 kHz, mono, 16-bit,
 * like a phone line), a short two-tone pattern an `<audio>` element can play and seek in.
 */
const SAMPLE_RATE = 8_000;
const HEADER_BYTES = 44;

export function toneWav(seconds: number): Buffer {
  const samples = Math.max(1, Math.round(seconds * SAMPLE_RATE));
  const wav = Buffer.alloc(HEADER_BYTES + samples * 2);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples * 2, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples * 2, 40);
  for (let index = 0; index < samples; index++) {
    const t = index / SAMPLE_RATE;
    // 0.8 s tones alternating 440 Hz / 660 Hz with 0.2 s of silence between, faded in and out (no clicks).
    const phase = t % 1;
    const frequency = Math.floor(t) % 2 === 0 ? 440 : 660;
    const envelope = phase < 0.8 ? Math.min(1, phase / 0.02, (0.8 - phase) / 0.02) : 0;
    wav.writeInt16LE(Math.round(Math.sin(2 * Math.PI * frequency * t) * envelope * 0.3 * 32_767), HEADER_BYTES + index * 2);
  }
  return wav;
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
