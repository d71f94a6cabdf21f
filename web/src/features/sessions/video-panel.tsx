import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Call, CallSnapshot } from './call.ts';

interface VideoPanelProps {
  call: CallSnapshot;
  control: Call | null;
  closed: boolean;
}

function useStream(stream: MediaStream | null) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = ref.current;
    if (video && video.srcObject !== stream) video.srcObject = stream;
  }, [stream]);
  return ref;
}

/**
 * The other party's video large, one's own preview small, and the controls. The connection's
 * state and the number of remote tracks are on the section as data attributes, for checks.
 */
export function VideoPanel({ call, control, closed }: VideoPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const remoteRef = useStream(call.remote);
  const localRef = useStream(call.local);
  const connected = call.connectionState === 'connected';

  return (
    <section
      className="panel room-video"
      aria-labelledby={headingId}
      data-testid="room-video"
      data-connection-state={call.connectionState}
      data-remote-tracks={call.remoteTracks}
    >
      <h2 id={headingId}>{t('sessionRoom.video.heading')}</h2>
      <p role="status" className="field__hint" data-testid="call-status">
        {t(`sessionRoom.video.state.${stateKey(call.connectionState)}`)}
      </p>
      <div className="video-stage">
        <video
          ref={remoteRef}
          className="video-remote"
          autoPlay
          playsInline
          aria-label={t('sessionRoom.video.remote')}
          data-testid="video-remote"
        />
        <video
          ref={localRef}
          className="video-local"
          autoPlay
          playsInline
          muted
          aria-label={t('sessionRoom.video.local')}
          data-testid="video-local"
        />
      </div>
      {call.mediaError && (
        <p className="form-alert" role="alert" data-testid="media-error">
          {t('sessionRoom.video.mediaError')}
        </p>
      )}
      {!closed && (
        <div className="actions video-controls">
          {call.local ? (
            <>
              <button
                type="button"
                className="button button--secondary"
                aria-pressed={!call.microphone}
                data-testid="toggle-microphone"
                onClick={() => control?.setMicrophone(!call.microphone)}
              >
                {t('sessionRoom.video.muteMicrophone')}
              </button>
              {call.local.getVideoTracks().length > 0 && (
                <button
                  type="button"
                  className="button button--secondary"
                  aria-pressed={!call.camera}
                  data-testid="toggle-camera"
                  onClick={() => control?.setCamera(!call.camera)}
                >
                  {t('sessionRoom.video.turnOffCamera')}
                </button>
              )}
              <button
                type="button"
                className="button button--danger"
                data-testid="hang-up"
                onClick={() => control?.hangUp()}
              >
                {t('sessionRoom.video.hangUp')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button"
                data-testid="start-video"
                onClick={() => void control?.startMedia(true)}
              >
                {t('sessionRoom.video.startVideo')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid="start-audio"
                onClick={() => void control?.startMedia(false)}
              >
                {t('sessionRoom.video.startAudio')}
              </button>
            </>
          )}
        </div>
      )}
      {connected && call.remoteTracks === 0 && (
        <p className="field__hint">{t('sessionRoom.video.peerNoMedia')}</p>
      )}
    </section>
  );
}

const STATES = [
  'none',
  'new',
  'connecting',
  'connected',
  'disconnected',
  'failed',
  'closed',
] as const;

function stateKey(state: string): (typeof STATES)[number] {
  return (STATES as readonly string[]).includes(state) ? (state as (typeof STATES)[number]) : 'new';
}
