/**
 * @jest-environment jsdom
 */
import type { CallRecordingView } from '@conversations/contracts';
import { PanelRoot, createPanelQueryClient } from '@conversations/ui';
import { callFixture, fakeFetch } from '@conversations/ui/testing';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import { RecordingPlayer } from './RecordingPlayer';

const recording: CallRecordingView = { durationSeconds: 404, url: '/api/v1/calls/k2/recording' };
const call = callFixture('k2', { recording });
const SIGNED_URL = 'https://media.test/k2.mp3?signature=abc';

/** The player of a 6 min 44 s recording, its signed link answered; jsdom plays nothing, so play/pause are recorded. */
async function renderPlayer() {
  const fake = fakeFetch({
    'GET /calls/k2/recording/link': { body: { url: SIGNED_URL, expiresAt: new Date(Date.now() + 600_000).toISOString() } },
  });
  globalThis.fetch = fake.fetch;
  const play = jest.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  const pause = jest.spyOn(HTMLMediaElement.prototype, 'pause').mockReturnValue(undefined);
  const { container } = render(
    <PanelRoot props={{ apiBaseUrl: 'http://api.test', token: 't', queryClient: createPanelQueryClient() }} name="conversation">
      <RecordingPlayer call={call} recording={recording} />
    </PanelRoot>,
  );
  const audio = screen.getByTestId('recording') as HTMLAudioElement;
  await waitFor(() => expect(audio.getAttribute('src')).toBe(SIGNED_URL));
  return { container, audio, play, pause, seekBar: screen.getByRole('slider', { name: 'Position' }) as HTMLInputElement };
}

const timeShown = () => screen.getByText(/^\d+:\d\d \/ \d+:\d\d$/).textContent;

describe('Recording player (F17)', () => {
  afterEach(() => jest.restoreAllMocks());

  it('F17: the controls show the length from the recording’s metadata until the audio knows its own, and the time played', async () => {
    const { audio, seekBar } = await renderPlayer();
    expect(screen.getByRole('group', { name: 'Recording of the outgoing call, 6m 44s' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy();
    expect(timeShown()).toBe('0:00 / 6:44');
    expect(seekBar.max).toBe('404');
    expect(seekBar.getAttribute('aria-valuetext')).toBe('0 seconds of 6 minutes 44 seconds');
    expect((screen.getByRole('combobox', { name: 'Playback speed' }) as HTMLSelectElement).value).toBe('1');
    expect(audio.getAttribute('preload')).toBe('none');

    Object.defineProperty(audio, 'duration', { value: 405.2, configurable: true });
    fireEvent.durationChange(audio);
    audio.currentTime = 62;
    fireEvent.timeUpdate(audio);
    expect(timeShown()).toBe('1:02 / 6:45');
    expect(seekBar.getAttribute('aria-valuetext')).toBe('1 minute 2 seconds of 6 minutes 45 seconds');
  });

  it('F17: the speed sets the audio’s playbackRate, and its default rate so a refreshed link keeps it', async () => {
    const { audio } = await renderPlayer();
    const speed = screen.getByRole('combobox', { name: 'Playback speed' });
    expect([...speed.querySelectorAll('option')].map((option) => option.textContent)).toEqual(['1×', '1.5×', '2×']);
    fireEvent.change(speed, { target: { value: '1.5' } });
    expect(audio.playbackRate).toBe(1.5);
    expect(audio.defaultPlaybackRate).toBe(1.5);
    fireEvent.change(speed, { target: { value: '2' } });
    expect(audio.playbackRate).toBe(2);
  });

  it('F17: the seek bar sets currentTime; arrow keys move 5 s and space plays and pauses', async () => {
    const { audio, seekBar, play, pause } = await renderPlayer();
    fireEvent.change(seekBar, { target: { value: '120' } });
    expect(audio.currentTime).toBe(120);
    expect(timeShown()).toBe('2:00 / 6:44');
    fireEvent.keyDown(seekBar, { key: 'ArrowRight' });
    expect(audio.currentTime).toBe(125);
    fireEvent.keyDown(seekBar, { key: 'ArrowLeft' });
    fireEvent.keyDown(seekBar, { key: 'ArrowDown' });
    expect(audio.currentTime).toBe(115);
    fireEvent.keyDown(seekBar, { key: 'End' }); // left to the browser's own range keys
    expect(audio.currentTime).toBe(115);

    fireEvent.keyDown(seekBar, { key: ' ' });
    expect(play).toHaveBeenCalledTimes(1);
    fireEvent.play(audio);
    Object.defineProperty(audio, 'paused', { value: false, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: 'Pause' }));
    expect(pause).toHaveBeenCalledTimes(1);
  });

  it('F17: no serious or critical axe-core violations', async () => {
    const { container } = await renderPlayer();
    // jsdom lays nothing out, so contrast is left to the browser tests (frontends/e2e).
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(
      results.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => violation.id),
    ).toEqual([]);
  });
});
