import type { ChatMessage, Room } from '@anxin/common';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { Loaded, LoadError } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { isNotFound } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { getAppointment } from '../scheduling/scheduling-api.ts';
import { ChatPanel } from './chat-panel.tsx';
import type { ChatSnapshot } from './chat-client.ts';
import { EndDialog, ReportDialog } from './room-dialogs.tsx';
import { getRoom, getRoomForAppointment } from './sessions-api.ts';
import { useRoom } from './use-room.ts';
import { VideoPanel } from './video-panel.tsx';
import './sessions.css';

/** `/rooms/:roomId`: the session itself. */
export function RoomPage() {
  const { t } = useTranslation();
  const { roomId = '' } = useParams();
  const room = useResource(`room:${roomId}`, (signal) => getRoom(roomId, signal));
  return (
    <PageFrame testId="room-page" width="wide" title={t('sessionRoom.room.title')}>
      <Loaded resource={room} failure={(error) => <RoomFailure error={error} />}>
        {(data) => <RoomView key={data.id} initial={data} />}
      </Loaded>
    </PageFrame>
  );
}

/** `/appointments/:id/session`: finds (or opens) the appointment's room and goes there. */
export function AppointmentSessionPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const room = useResource(`appointment-room:${id}`, (signal) => getRoomForAppointment(id, signal));
  return (
    <PageFrame testId="appointment-session-page" title={t('sessionRoom.room.title')}>
      <Loaded resource={room} failure={(error) => <RoomFailure error={error} />}>
        {(data) => <Navigate to={`/rooms/${encodeURIComponent(data.id)}`} replace />}
      </Loaded>
    </PageFrame>
  );
}

/** A room that is not open (yet, or any more) or not this person's: said without detail. */
function RoomFailure({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (isNotFound(error)) {
    return (
      <div className="form-alert" role="alert" data-testid="room-unavailable">
        <p>{t('sessionRoom.room.unavailable')}</p>
        <p>
          <Link to="/appointments">{t('sessionRoom.room.backToAppointments')}</Link>
        </p>
      </div>
    );
  }
  return <LoadError error={error} testId="room-error" />;
}

function RoomView({ initial }: { initial: Room }) {
  const { t } = useTranslation();
  const { chat, call, client, callControl } = useRoom(initial);
  const room = chat.room ?? initial;
  const closed = room.status === 'ended';
  const [reporting, setReporting] = useState<{ message: ChatMessage | null } | null>(null);
  const [reported, setReported] = useState(false);
  const [ending, setEnding] = useState(false);
  const appointment = useResource(`room-appointment:${room.appointmentId}`, (signal) =>
    getAppointment(room.appointmentId, signal),
  );
  const modality = appointment.status === 'ready' ? appointment.data.modality : null;

  // A video or voice appointment opens the camera or microphone on arrival; a text one waits
  // for the person to ask. The browser asks for permission either way.
  useEffect(() => {
    if (!callControl || closed || room.role === 'observer') return;
    if (modality === 'video') void callControl.startMedia(true);
    if (modality === 'voice') void callControl.startMedia(false);
  }, [callControl, modality, closed, room.role]);

  useEffect(() => {
    if (closed) callControl?.dispose();
  }, [closed, callControl]);

  return (
    <div className="room" data-testid="room" data-status={room.status} data-role={room.role}>
      <p className="room-peer" data-testid="room-peer">
        {t('sessionRoom.room.with', { name: room.peerName })}
      </p>
      <ConnectionBanner chat={chat} onRetry={() => client?.reconnectNow()} />
      <LifecycleBanner
        room={room}
        peerPresent={chat.present.some((role) => role !== 'observer' && role !== room.role)}
      />
      <p className="status-line" role="status" data-testid="report-done">
        {reported ? t('sessionRoom.report.done') : ''}
      </p>
      {reporting && (
        <ReportDialog
          roomId={room.id}
          message={reporting.message}
          onClose={() => {
            setReporting(null);
          }}
          onDone={() => {
            setReporting(null);
            setReported(true);
          }}
        />
      )}
      {ending && (
        <EndDialog
          roomId={room.id}
          onClose={() => {
            setEnding(false);
          }}
        />
      )}
      <div className="room-grid">
        {!closed && room.role !== 'observer' && (
          <VideoPanel call={call} control={callControl} closed={closed} />
        )}
        <ChatPanel
          chat={chat}
          client={client}
          closed={closed}
          onReport={(message) => {
            setReported(false);
            setReporting({ message });
          }}
        />
      </div>
      {!closed && (
        <div className="actions room-actions">
          <button
            type="button"
            className="button button--secondary"
            data-testid="report-behaviour"
            onClick={() => {
              setReported(false);
              setReporting({ message: null });
            }}
          >
            {t('sessionRoom.report.behaviour')}
          </button>
          {room.role === 'counselor' && (
            <button
              type="button"
              className="button button--danger"
              data-testid="end-session"
              onClick={() => {
                setEnding(true);
              }}
            >
              {t('sessionRoom.end.open')}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

/** Shown while the socket is away: the page keeps working, messages wait in the outbox. */
function ConnectionBanner({ chat, onRetry }: { chat: ChatSnapshot; onRetry: () => void }) {
  const { t } = useTranslation();
  const away = chat.connection === 'reconnecting';
  return (
    <div role="status" data-testid="connection-banner" data-connection={chat.connection}>
      {away && (
        <div className="notice room-reconnecting">
          <p>
            {t('sessionRoom.connection.reconnecting', { attempt: chat.attempt })}
            {chat.outbox.length > 0 &&
              ` ${t('sessionRoom.connection.queued', { queued: chat.outbox.length })}`}
          </p>
          <button
            type="button"
            className="button button--secondary button--small"
            onClick={onRetry}
          >
            {t('sessionRoom.connection.retryNow')}
          </button>
        </div>
      )}
    </div>
  );
}

/** Waiting, in progress or ended; at the end, where each party goes next. */
function LifecycleBanner({ room, peerPresent }: { room: Room; peerPresent: boolean }) {
  const { t } = useTranslation();
  return (
    <div
      className={room.status === 'ended' ? 'panel panel--important' : 'notice'}
      role="status"
      data-testid="lifecycle"
      data-status={room.status}
    >
      {room.status === 'waiting' && (
        <p>
          {peerPresent ? t('sessionRoom.lifecycle.peerHere') : t('sessionRoom.lifecycle.waiting')}
        </p>
      )}
      {room.status === 'in_progress' && (
        <p>
          {peerPresent
            ? t('sessionRoom.lifecycle.inProgress')
            : t('sessionRoom.lifecycle.peerAway')}
        </p>
      )}
      {room.status === 'ended' && (
        <>
          <p data-testid="lifecycle-ended">
            {room.endReason === 'abusive'
              ? t('sessionRoom.lifecycle.endedAbusive')
              : t('sessionRoom.lifecycle.ended')}
          </p>
          <AfterEnd room={room} />
        </>
      )}
    </div>
  );
}

/**
 * What follows a session: the counselor's note of the appointment, and the client's feedback
 * (whose module does not exist yet: that link leads to the appointment list until it does).
 */
function AfterEnd({ room }: { room: Room }) {
  const { t } = useTranslation();
  if (room.afterEnd === 'note') {
    return (
      <p>
        <Link
          to={`/appointments/${encodeURIComponent(room.appointmentId)}/note`}
          data-testid="after-end-note"
          data-appointment-id={room.appointmentId}
        >
          {t('sessionRoom.after.note')}
        </Link>
      </p>
    );
  }
  if (room.afterEnd === 'feedback') {
    return (
      <p>
        <Link
          to="/appointments"
          data-testid="after-end-feedback"
          data-appointment-id={room.appointmentId}
        >
          {t('sessionRoom.after.feedback')}
        </Link>
      </p>
    );
  }
  return null;
}
