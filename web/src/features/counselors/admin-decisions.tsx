import { transitionRequestSchema, type CounselorEvent, type Qualification } from '@anxin/common';
import { useId, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, TextField, useMessage } from '../../components/form.tsx';
import type { Message } from '../../i18n/keys.ts';
import { ApiError } from '../../lib/api.ts';
import { validateBody } from '../../lib/form-errors.ts';
import { useForm, type FormController } from '../../lib/use-form.ts';
import { buttonClass, FailureAlert, failureOf, type Failure } from './action-state.tsx';
import { decideQualification, transition } from './counselor-api.ts';
import {
  REASON_REQUIRED_EVENTS,
  TRANSITION_REASON_MIN,
  transitionEvents,
} from './counselor-format.ts';
import { checkedSubmit, errorsWithMessages } from './form-helpers.ts';
import type { ProfileProps, Refresh } from './profile-gate.tsx';
import { StatusBadge } from './status-banner.tsx';

const TRANSITION_FIELDS = ['reason'] as const;

/** The application's state and the decisions the reviewer may take now (one form, a button each). */
export function Decisions({ profile, onChanged }: ProfileProps) {
  const { t } = useTranslation();
  const say = useMessage();
  const headingId = useId();
  const events = transitionEvents(profile.actions);
  const [done, setDone] = useState<Message | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const form = useForm('transition', TRANSITION_FIELDS);
  const reasonNeeded = events.some((event) => REASON_REQUIRED_EVENTS.includes(event));
  const reasonMessage: Message = {
    key: 'counselors.fieldErrors.transitionReason',
    values: { min: TRANSITION_REASON_MIN },
  };
  const check = (event: CounselorEvent) => (values: Readonly<Record<'reason', string>>) => {
    const reason = values.reason.trim();
    const issues = validateBody(transitionRequestSchema, { event, ...(reason ? { reason } : {}) });
    const missing = REASON_REQUIRED_EVENTS.includes(event) && reason.length < TRANSITION_REASON_MIN;
    return errorsWithMessages(
      issues,
      TRANSITION_FIELDS,
      { reason: reasonMessage },
      missing ? { reason: reasonMessage } : {},
    );
  };
  const act = (event: CounselorEvent) => async (values: Readonly<Record<'reason', string>>) => {
    setDone(null);
    setFailure(null);
    const reason = values.reason.trim();
    try {
      await transition(profile.id, event, reason || undefined);
    } catch (error) {
      // A refused change is explained by the server; the form itself was fine.
      if (error instanceof ApiError && error.code === 'invalid_transition') {
        setFailure(failureOf(error));
        return;
      }
      throw error;
    }
    form.reset();
    await onChanged();
    setDone({
      key: 'counselors.adminDetail.transitioned',
      values: { event: t(`counselors.event.${event}`) },
    });
  };
  const onSubmit = bySubmitter(
    new Map(
      events.map((event) => [event, checkedSubmit(form, check(event), form.onSubmit(act(event)))]),
    ),
  );

  return (
    <section className="panel panel--important" aria-labelledby={headingId} data-testid="decisions">
      <h2 id={headingId}>
        {t('counselors.adminDetail.decisionsHeading')} <StatusBadge status={profile.status} />
      </h2>
      {profile.statusReason && (
        <p>
          <strong>{t('counselors.profile.statusReason')}</strong> {profile.statusReason}
        </p>
      )}
      <p data-testid="admin-listable">
        {profile.listable
          ? t('counselors.adminDetail.listable')
          : t('counselors.adminDetail.notListable')}
      </p>
      {events.length === 0 ? (
        <p data-testid="no-transitions">{t('counselors.adminDetail.noTransitions')}</p>
      ) : (
        <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
          {reasonNeeded && (
            <TextField
              form={form}
              name="reason"
              label={t('fields.reason')}
              hint={t('counselors.adminDetail.reasonHint')}
              multiline
              rows={3}
              maxLength={2000}
            />
          )}
          <div className="actions">
            {events.map((event) => (
              <SubmitFor
                key={event}
                form={form}
                action={event}
                testId={`transition-${event}`}
                primary={event === 'approve' || event === 'start_review' || event === 'reinstate'}
              >
                {t(`counselors.event.${event}`)}
              </SubmitFor>
            ))}
          </div>
        </Form>
      )}
      {failure && <FailureAlert failure={failure} testId="transition-refused" />}
      <p className="status-line" role="status" data-testid="transition-done">
        {done && say(done)}
      </p>
    </section>
  );
}

const DECISION_FIELDS = ['reason'] as const;
const DECISIONS = ['verified', 'rejected'] as const;
type Decision = (typeof DECISIONS)[number];
const REJECT_REASON_MIN = 5;

/** Verify or reject one certificate; a rejection says why. */
export function QualificationDecision({
  profileId,
  qualification,
  onChanged,
}: {
  profileId: string;
  qualification: Qualification;
  onChanged: Refresh;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const form = useForm(`decision-${qualification.id}`, DECISION_FIELDS);
  const check = (decision: Decision) => (values: Readonly<Record<'reason', string>>) =>
    errorsWithMessages(
      [],
      DECISION_FIELDS,
      {},
      decision === 'rejected' && values.reason.trim().length < REJECT_REASON_MIN
        ? {
            reason: {
              key: 'counselors.fieldErrors.rejectReason',
              values: { min: REJECT_REASON_MIN },
            },
          }
        : {},
    );
  const act = (decision: Decision) => async (values: Readonly<Record<'reason', string>>) => {
    const reason = values.reason.trim();
    await decideQualification(profileId, qualification.id, {
      decision,
      ...(reason ? { reason } : {}),
    });
    form.reset();
    await onChanged();
  };
  const onSubmit = bySubmitter(
    new Map(
      DECISIONS.map((decision) => [
        decision,
        checkedSubmit(form, check(decision), form.onSubmit(act(decision))),
      ]),
    ),
  );
  return (
    <div className="subpanel" data-testid="qualification-decision">
      <h4 id={headingId}>{t('counselors.adminDetail.decideHeading')}</h4>
      <Form form={form} onSubmit={onSubmit} labelledBy={headingId}>
        <TextField
          form={form}
          name="reason"
          label={t('counselors.adminDetail.rejectReason')}
          hint={t('counselors.adminDetail.rejectReasonHint')}
          maxLength={500}
        />
        <div className="actions">
          {qualification.status !== 'verified' && (
            <SubmitFor form={form} action="verified" testId="qualification-verify" primary small>
              {t('counselors.adminDetail.verify')}
            </SubmitFor>
          )}
          {qualification.status !== 'rejected' && (
            <SubmitFor form={form} action="rejected" testId="qualification-reject" small>
              {t('counselors.adminDetail.reject')}
            </SubmitFor>
          )}
        </div>
      </Form>
    </div>
  );
}

/**
 * One form, several submit buttons (approve, reject, …): the button that submitted it, named by
 * its `data-action`, picks the handler. Pressing Enter submits with the first button, like the
 * browser does.
 */
function bySubmitter<A extends string>(
  handlers: ReadonlyMap<A, (event: SubmitEvent<HTMLFormElement>) => void>,
): (event: SubmitEvent<HTMLFormElement>) => void {
  return (event) => {
    const action = event.submitter?.getAttribute('data-action') as A | null | undefined;
    const handler = action ? handlers.get(action) : undefined;
    if (handler) handler(event);
    else event.preventDefault();
  };
}

interface SubmitForProps {
  form: Pick<FormController<string>, 'submitting'>;
  /** The handler `bySubmitter` runs for this button. */
  action: string;
  testId: string;
  primary?: boolean;
  small?: boolean;
  children: ReactNode;
}

/** One of a form's several submit buttons, named by its `data-action`. */
function SubmitFor({
  form,
  action,
  testId,
  primary = false,
  small = false,
  children,
}: SubmitForProps) {
  return (
    <button
      type="submit"
      className={buttonClass(primary, small)}
      data-testid={testId}
      data-action={action}
      aria-disabled={form.submitting || undefined}
    >
      {children}
    </button>
  );
}
