import { breachScopeSchema, type BreachScope } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, SubmitButton, TextField, useMessage } from '../../components/form.tsx';
import type { Message } from '../../i18n/keys.ts';
import { messageForError, validateBody } from '../../lib/form-errors.ts';
import { useForm } from '../../lib/use-form.ts';
import { DateTimeField } from './date-time-field.tsx';
import { applyScope, previewScope } from './breach-api.ts';
import { isoToLocalInput, localInputToIso, splitList } from './breach-format.ts';

const FIELDS = ['from', 'to', 'actorId', 'entityTypes', 'actions'] as const;
type Values = Readonly<Record<(typeof FIELDS)[number], string>>;

function scopeOf(v: Values) {
  const entityTypes = splitList(v.entityTypes);
  const actions = splitList(v.actions);
  return {
    from: localInputToIso(v.from) ?? '',
    to: localInputToIso(v.to) ?? '',
    ...(v.actorId.trim() ? { actorId: v.actorId.trim() } : {}),
    ...(entityTypes.length ? { entityTypes } : {}),
    ...(actions.length ? { actions } : {}),
  };
}

/**
 * Finds the affected people in the audit trail: a time window and any of actor, entity types and
 * actions. Preview first (a count, nothing recorded), then record them as affected.
 */
export function ScopeBuilder({
  incidentId,
  discoveredAt,
  onRecorded,
}: {
  incidentId: string;
  discoveredAt: string;
  onRecorded: () => void;
}) {
  const { t } = useTranslation();
  const say = useMessage();
  const headingId = useId();
  const [preview, setPreview] = useState<number | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  // A week before the discovery until now: where a leak usually shows in the trail.
  const [initial] = useState(() => ({
    from: isoToLocalInput(new Date(Date.parse(discoveredAt) - 7 * 86_400_000).toISOString()),
    to: isoToLocalInput(new Date(Date.now() + 60_000).toISOString()),
  }));
  const form = useForm('breach-scope', FIELDS, initial);
  const validate = (v: Values) => validateBody(breachScopeSchema, scopeOf(v));
  const onPreview = form.onSubmit(
    async (v) => {
      setMessage(null);
      setPreview((await previewScope(incidentId, breachScopeSchema.parse(scopeOf(v)))).count);
    },
    { validate },
  );
  const record = () => {
    if (busy) return;
    const issues = validate(form.values);
    if (issues.length) return;
    setBusy(true);
    const scope: BreachScope = breachScopeSchema.parse(scopeOf(form.values));
    applyScope(incidentId, scope).then(
      (r) => {
        setBusy(false);
        setMessage({ key: 'breach.scope.recorded', values: { count: r.count, added: r.added } });
        onRecorded();
      },
      (error: unknown) => {
        setBusy(false);
        setMessage(messageForError(error));
      },
    );
  };
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="breach-scope">
      <h2 id={headingId}>{t('breach.scope.heading')}</h2>
      <p>{t('breach.scope.intro')}</p>
      <Form form={form} onSubmit={onPreview} labelledBy={headingId}>
        <DateTimeField form={form} name="from" label={t('breach.scope.from')} required />
        <DateTimeField form={form} name="to" label={t('breach.scope.to')} required />
        <TextField
          form={form}
          name="actorId"
          label={t('breach.scope.actorId')}
          hint={t('breach.scope.actorHint')}
          maxLength={36}
        />
        <TextField
          form={form}
          name="entityTypes"
          label={t('breach.scope.entityTypes')}
          hint={t('breach.scope.listHint')}
        />
        <TextField
          form={form}
          name="actions"
          label={t('breach.scope.actions')}
          hint={t('breach.scope.listHint')}
        />
        <div className="actions">
          <SubmitButton form={form} secondary>
            {t('breach.scope.preview')}
          </SubmitButton>
          {preview !== null && (
            <button
              type="button"
              className="button"
              onClick={record}
              aria-busy={busy}
              data-testid="breach-scope-record"
            >
              {t('breach.scope.record', { count: preview })}
            </button>
          )}
        </div>
      </Form>
      <p className="status-line" role="status" data-testid="breach-scope-status">
        {preview !== null && !message && t('breach.scope.previewCount', { count: preview })}
        {message && say(message)}
      </p>
    </section>
  );
}
