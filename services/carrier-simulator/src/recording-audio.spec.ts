import { byteRangeOf, toneWav, toneWavBytes, toneWavSize } from './recording-audio';

describe('recording audio', () => {
  it('is a valid 8 kHz mono 16-bit PCM WAV of the asked length', () => {
    const wav = toneWav(2);
    expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    expect(wav.toString('ascii', 8, 12)).toBe('WAVE');
    expect([wav.readUInt16LE(20), wav.readUInt16LE(22), wav.readUInt32LE(24), wav.readUInt16LE(34)]).toEqual([1, 1, 8000, 16]);
    expect(wav.readUInt32LE(40)).toBe(2 * 8000 * 2);
    const samples = Array.from({ length: 8000 }, (_, index) => wav.readInt16LE(44 + index * 2));
    // A tone, not silence, and never clipped.
    expect(Math.max(...samples)).toBeGreaterThan(5000);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThan(32767);
  });

  it('#14 §6: is as long as the recording, and any range of it equals those bytes of the whole file', () => {
    expect(toneWavSize(404)).toBe(44 + 404 * 8000 * 2);
    const whole = toneWav(3);
    for (const [start, end] of [
      [0, 43],
      [0, 100],
      [43, 44],
      [45, 46],
      [1001, 20_001],
      [whole.length - 3, whole.length - 1],
    ])
      expect(toneWavBytes(3, start, end).equals(whole.subarray(start, end + 1))).toBe(true);
  });

  it.each([
    [undefined, null],
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=990-', { start: 990, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=-0', 'unsatisfiable'],
    ['bytes=5-1', null],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
    ['bytes=-', null],
  ])('Range %s of 1000 bytes → %j', (header, expected) => {
    expect(byteRangeOf(header, 1000)).toEqual(expected);
  });
});
