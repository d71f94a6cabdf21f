import type { Appointment } from '@anxin/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loaded } from '../../components/load-state.tsx';
import { PageFrame } from '../../components/page-frame.tsx';
import { ApiError, isNotFound } from '../../lib/api.ts';
import { useResource } from '../../lib/use-resource.ts';
import { FailureAlert, failureOf, type Failure } from '../counselors/action-state.tsx';
import { getDirectoryCounselor } from '../counselors/counselor-api.ts';
import { formatYuan } from '../counselors/money.ts';
import { cancellationDeadline } from './policy.ts';
import {
  bookAppointment,
  getSchedulingSettings,
  listSlots,
  type Modality,
} from './scheduling-api.ts';
import { SlotPicker, ZoneNote } from './scheduling-parts.tsx';
import { addDays, browserTimeZone, formatInstant, todayIn } from './time.ts';
import { useSessionTypes } from './use-session-types.ts';

const DAYS = 14;

type DirectoryCounselorDetail = Awaited<ReturnType<typeof getDirectoryCounselor>>;

/** Why a booking was refused, in words the client can act on. */
type Refusal = 'taken' | 'unverified' | Failure;

function refusalOf(error: unknown): Refusal {
  if (error instanceof ApiError && error.code === 'slot_taken') return 'taken';
  if (
    error instanceof ApiError &&
    error.status === 403 &&
    error.code !== 'csrf_failed' &&
    error.code !== 'mfa_required'
  )
    return 'unverified';
  return failureOf(error);
}

/** A client books a counselor: session type, a free time, the policy, then confirmation. */
export function BookingPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const counselor = useResource(`directory-counselor:${id}`, (signal) =>
    getDirectoryCounselor(id, signal),
  );
  return (
    <PageFrame
      testId="booking-page"
      width="wide"
      title={t('scheduling.book.title')}
      heading={
        counselor.status === 'ready'
          ? t('scheduling.book.heading', { name: counselor.data.displayName })
          : t('scheduling.book.title')
      }
    >
      <p>
        <Link to={`/counselors/${encodeURIComponent(id)}`}>{t('scheduling.book.back')}</Link>
      </p>
      <Loaded
        resource={counselor}
        failure={(error) =>
          isNotFound(error) ? (
            <p className="notice" data-testid="booking-missing">
              {t('counselors.directory.notListed')}
            </p>
          ) : null
        }
      >
        {(data) => <Booking counselor={data} />}
      </Loaded>
    </PageFrame>
  );
}

function Booking({ counselor }: { counselor: DirectoryCounselorDetail }) {
  const { t, i18n } = useTranslation();
  const zone = browserTimeZone();
  const types = useSessionTypes();
  const settings = useResource('scheduling-settings', getSchedulingSettings);
  const [sessionType, setSessionType] = useState<string | undefined>(undefined);
  const [from, setFrom] = useState(() => todayIn(zone));
  const [chosen, setChosen] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [modality, setModality] = useState<Modality | ''>(counselor.modalities[0] ?? '');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const slots = useResource(`slots:${counselor.id}:${sessionType ?? ''}:${from}`, (signal) =>
    listSlots(counselor.id, { sessionType, from, days: DAYS }, signal),
  );

  if (booked) return <Booked appointment={booked} zone={zone} />;

  const typeCode = sessionType ?? (slots.status === 'ready' ? slots.data.sessionType : '');
  const fee = counselor.fees[typeCode];
  const windowHours =
    settings.status === 'ready' ? settings.data.cancellationWindowHours : undefined;
  const today = todayIn(zone);

  const book = () => {
    if (busy || !chosen || !modality) return;
    setBusy(true);
    setRefusal(null);
    bookAppointment({ counselorId: counselor.id, startsAt: chosen, modality, sessionType }).then(
      (appointment) => {
        setBusy(false);
        setBooked(appointment);
      },
      (error: unknown) => {
        setBusy(false);
        const why = refusalOf(error);
        setRefusal(why);
        if (why === 'taken') {
          setChosen(null);
          setConfirming(false);
          slots.reload();
        }
      },
    );
  };

  return (
    <>
      {refusal && <RefusalAlert refusal={refusal} />}
      <section className="panel" aria-labelledby="booking-options-heading">
        <h2 id="booking-options-heading" className="visually-hidden">
          {t('scheduling.book.sessionType')}
        </h2>
        <div className="form form--grid">
          {types.active.length > 0 && (
            <div className="field">
              <label htmlFor="booking-session-type" className="field__label">
                {t('scheduling.book.sessionType')}
              </label>
              <p id="booking-session-type-hint" className="field__hint">
                {t('scheduling.book.sessionTypeHint')}
              </p>
              <select
                id="booking-session-type"
                className="input"
                aria-describedby="booking-session-type-hint"
                value={typeCode}
                data-testid="booking-session-type"
                onChange={(event) => {
                  setSessionType(event.target.value);
                  setChosen(null);
                  setConfirming(false);
                }}
              >
                {types.active.map((type) => (
                  <option key={type.code} value={type.code}>
                    {types.label(type.code)}
                  </option>
                ))}
              </select>
            </div>
          )}
          {counselor.modalities.length > 0 && (
            <div className="field">
              <label htmlFor="booking-modality" className="field__label">
                {t('scheduling.book.modality')}
              </label>
              <select
                id="booking-modality"
                className="input"
                value={modality}
                data-testid="booking-modality"
                onChange={(event) => {
                  setModality(event.target.value as Modality);
                }}
              >
                {counselor.modalities.map((option) => (
                  <option key={option} value={option}>
                    {t(`counselors.modality.${option}`)}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
      </section>

      {confirming && chosen ? (
        <section
          className="panel panel--important"
          aria-labelledby="booking-confirm-heading"
          data-testid="booking-confirm"
        >
          <h2 id="booking-confirm-heading">{t('scheduling.book.confirmHeading')}</h2>
          <dl className="facts">
            <dt>{t('scheduling.book.counselor')}</dt>
            <dd>{counselor.displayName}</dd>
            <dt>{t('scheduling.book.when')}</dt>
            <dd data-testid="booking-confirm-when">{formatInstant(chosen, i18n.language, zone)}</dd>
            <dt>{t('scheduling.appointments.sessionType')}</dt>
            <dd>{types.label(typeCode)}</dd>
            <dt>{t('scheduling.book.fee')}</dt>
            <dd data-testid="booking-confirm-fee">
              {fee === undefined ? t('scheduling.book.feeUnknown') : formatYuan(fee, i18n.language)}
            </dd>
          </dl>
          <p className="notice" data-testid="booking-policy">
            {windowHours === undefined
              ? t('scheduling.book.policyUnknown')
              : t('scheduling.book.policy', {
                  deadline: formatInstant(
                    cancellationDeadline(chosen, windowHours),
                    i18n.language,
                    zone,
                  ),
                })}
          </p>
          <div className="actions">
            <button
              type="button"
              className="button"
              data-testid="booking-submit"
              aria-disabled={busy || undefined}
              onClick={book}
            >
              {busy ? t('form.working') : t('scheduling.book.confirm')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid="booking-change"
              onClick={() => {
                setConfirming(false);
              }}
            >
              {t('scheduling.book.change')}
            </button>
          </div>
        </section>
      ) : (
        <section className="panel" aria-labelledby="booking-slots-heading">
          <h2 id="booking-slots-heading">{t('scheduling.book.slotsHeading')}</h2>
          <ZoneNote timeZone={zone} />
          <div className="actions">
            {from > today && (
              <button
                type="button"
                className="button button--secondary button--small"
                data-testid="booking-earlier"
                onClick={() => {
                  const earlier = addDays(from, -DAYS);
                  setFrom(earlier < today ? today : earlier);
                }}
              >
                {t('scheduling.book.earlier')}
              </button>
            )}
            <button
              type="button"
              className="button button--secondary button--small"
              data-testid="booking-later"
              onClick={() => {
                setFrom(addDays(from, DAYS));
              }}
            >
              {t('scheduling.book.later')}
            </button>
          </div>
          <Loaded resource={slots}>
            {(data) => (
              <SlotPicker
                slots={data.items}
                timeZone={zone}
                selected={chosen}
                testId="booking-slots"
                onSelect={(startsAt) => {
                  setChosen(startsAt);
                  setConfirming(true);
                  setRefusal(null);
                }}
              />
            )}
          </Loaded>
        </section>
      )}
    </>
  );
}

function RefusalAlert({ refusal }: { refusal: Refusal }) {
  const { t } = useTranslation();
  if (refusal === 'taken') {
    return (
      <p className="form-alert" role="alert" data-testid="booking-taken">
        {t('scheduling.book.taken')}
      </p>
    );
  }
  if (refusal === 'unverified') {
    return (
      <p className="form-alert" role="alert" data-testid="booking-unverified">
        {t('scheduling.book.unverified')}{' '}
        <Link to="/account">{t('scheduling.book.unverifiedLink')}</Link>
      </p>
    );
  }
  return <FailureAlert failure={refusal} testId="booking-error" />;
}

function Booked({ appointment, zone }: { appointment: Appointment; zone: string }) {
  const { t, i18n } = useTranslation();
  const pending = appointment.status === 'pending';
  return (
    <section
      className="panel panel--important"
      aria-labelledby="booking-done-heading"
      data-testid="booking-done"
    >
      <h2 id="booking-done-heading" tabIndex={-1}>
        {t('scheduling.book.doneHeading')}
      </h2>
      <p>{pending ? t('scheduling.book.pendingLead') : t('scheduling.book.doneLead')}</p>
      <dl className="facts">
        <dt>{t('scheduling.book.counselor')}</dt>
        <dd>{appointment.counselorName}</dd>
        <dt>{t('scheduling.book.when')}</dt>
        <dd>{formatInstant(appointment.startsAt, i18n.language, zone)}</dd>
        <dt>{t('scheduling.book.fee')}</dt>
        <dd>{formatYuan(appointment.feeFen, i18n.language)}</dd>
      </dl>
      <p data-testid="booking-done-deadline">
        {t('scheduling.book.doneDeadline', {
          deadline: formatInstant(appointment.cancellationDeadline, i18n.language, zone),
        })}
      </p>
      <p>
        <Link to="/appointments" className="button" data-testid="booking-to-appointments">
          {t('scheduling.book.toAppointments')}
        </Link>
      </p>
    </section>
  );
}
