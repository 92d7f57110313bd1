import { ApiError, messageOf } from '@conversations/api-client';
import type { CallRecordingView, CallView } from '@conversations/contracts';
import { formatDuration, queryKeys, useApi } from '@conversations/ui';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { clockTime, spokenTime } from './playback-time';

/** Refresh a signed link this long before it expires, so a press on Play never meets an expired one. */
const LINK_MARGIN_MS = 15_000;
const PLAYBACK_SPEEDS = [1, 1.5, 2] as const;
/** How far an arrow key moves the seek bar: the native one second is too little to get anywhere in a call. */
const ARROW_STEP_SECONDS = 5;
const ARROW_DIRECTIONS: Partial<Record<string, number>> = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };

/**
 * F17: a call's recording with controls sized for use: Play/Pause, a full-width seek bar, elapsed / total
 * time and the playback speed. The audio's address is a short-lived signed link (no token in the page's
 * audio requests), fetched when the entry shows; `preload="none"` downloads nothing until Play, and the
 * link serves HTTP Range, so seeking works. An expired link is fetched again and playback resumes.
 */
export function RecordingPlayer({ call, recording }: { call: CallView; recording: CallRecordingView }) {
  const api = useApi();
  const audioRef = useRef<HTMLAudioElement>(null);
  const resume = useRef<{ at: number } | null>(null);
  const link = useQuery({
    queryKey: queryKeys.recordingLink(call.id),
    queryFn: () => api.recordingLink(call.id),
    staleTime: (query) => (query.state.data ? Math.max(0, Date.parse(query.state.data.expiresAt) - Date.now() - LINK_MARGIN_MS) : 0),
  });
  const url = link.data?.url;
  const [playing, setPlaying] = useState(false);
  const [elapsed, setElapsed] = useState(0);
  // The metadata's length until the audio knows its own.
  const [audioDuration, setAudioDuration] = useState<number | null>(null);
  const [speed, setSpeed] = useState<number>(1);
  const total = audioDuration ?? recording.durationSeconds;

  useEffect(() => {
    const audio = audioRef.current;
    if (!audio || !url || !resume.current) return;
    const { at } = resume.current;
    resume.current = null;
    audio.currentTime = at;
    void audio.play().catch(() => undefined);
  }, [url]);

  const onError = () => {
    const audio = audioRef.current;
    if (!audio || !link.data) return;
    if (Date.parse(link.data.expiresAt) - LINK_MARGIN_MS > Date.now()) return; // not an expiry: the error stays as it is
    resume.current = { at: audio.currentTime };
    void link.refetch();
  };

  const togglePlayback = () => {
    const audio = audioRef.current;
    if (!audio) return;
    // A rejected play() (interrupted by a pause, or a source that fails) also raises the element's events.
    if (audio.paused) void audio.play().catch(() => undefined);
    else audio.pause();
  };
  const seekTo = (seconds: number) => {
    const audio = audioRef.current;
    if (!audio) return;
    const at = Math.min(Math.max(0, seconds), total);
    audio.currentTime = at;
    setElapsed(at);
  };
  const changeSpeed = (rate: number) => {
    setSpeed(rate);
    const audio = audioRef.current;
    if (!audio) return;
    // The default rate too: a new source (a refreshed link) starts at it, not at 1×.
    audio.defaultPlaybackRate = rate;
    audio.playbackRate = rate;
  };
  const onSeekKey = (event: KeyboardEvent<HTMLInputElement>) => {
    const audio = audioRef.current;
    if (!audio) return;
    const step = ARROW_DIRECTIONS[event.key];
    if (event.key === ' ') togglePlayback();
    else if (step) seekTo(audio.currentTime + step * ARROW_STEP_SECONDS);
    else return;
    event.preventDefault();
  };

  if (link.isError)
    return (
      <div className="conversation-call-recording conversation-call-reason">
        {link.error instanceof ApiError && link.error.status === 404
          ? 'The recording is not available yet.'
          : `Recording unavailable: ${messageOf(link.error)}`}
      </div>
    );
  const voicemail = call.direction === 'inbound' && !call.answered;
  const label = `${voicemail ? 'Voicemail' : 'Recording'} of the ${call.direction === 'inbound' ? 'incoming' : 'outgoing'} call, ${formatDuration(recording.durationSeconds)}`;
  const position = Math.min(elapsed, total);
  return (
    <div className="conversation-recording" role="group" aria-label={label}>
      <small className="conversation-call-reason">{voicemail ? 'Voicemail' : 'Recording'}</small>
      <input
        type="range"
        className="conversation-recording-seek"
        aria-label="Position"
        aria-valuetext={`${spokenTime(position)} of ${spokenTime(total)}`}
        min={0}
        max={total}
        step="any"
        value={position}
        disabled={!url}
        onChange={(event) => seekTo(Number(event.target.value))}
        onKeyDown={onSeekKey}
      />
      <div className="conversation-recording-controls">
        <button
          type="button"
          className="cv-icon-button conversation-recording-play"
          aria-label={playing ? 'Pause' : 'Play'}
          disabled={!url}
          onClick={togglePlayback}
        >
          <svg width={16} height={16} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
            <path d={playing ? 'M6 4h4v16H6zM14 4h4v16h-4z' : 'M7 4v16l13-8z'} />
          </svg>
        </button>
        <span className="conversation-recording-time">
          {clockTime(position)} / {clockTime(total)}
        </span>
        <select
          className="cv-select conversation-recording-speed"
          aria-label="Playback speed"
          value={speed}
          onChange={(event) => changeSpeed(Number(event.target.value))}
        >
          {PLAYBACK_SPEEDS.map((rate) => (
            <option key={rate} value={rate}>
              {rate}×
            </option>
          ))}
        </select>
      </div>
      <audio
        ref={audioRef}
        preload="none"
        src={url}
        data-testid="recording"
        onError={onError}
        onPlay={() => setPlaying(true)}
        onPause={() => setPlaying(false)}
        onEmptied={() => setPlaying(false)}
        onTimeUpdate={(event) => setElapsed(event.currentTarget.currentTime)}
        onDurationChange={(event) => {
          const { duration } = event.currentTarget;
          if (Number.isFinite(duration) && duration > 0) setAudioDuration(duration);
        }}
      />
    </div>
  );
}
