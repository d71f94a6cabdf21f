import type { LegalHold } from '@anxin/common';
import { useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { placeLegalHold, releaseLegalHold } from './retention-api.ts';

/** Place a hold on a person (by id) or a case reference, with a reason; release active ones. */
export function LegalHoldsPanel({ holds, onChange }: { holds: LegalHold[]; onChange: () => void }) {
  const { t } = useTranslation();
  const [subject, setSubject] = useState('');
  const [caseReference, setCaseReference] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const onSubmit = async (event: SyntheticEvent) => {
    event.preventDefault();
    if (!reason.trim() || (!subject.trim() && !caseReference.trim())) {
      setMissing(true);
      return;
    }
    setMissing(false);
    await placeLegalHold({
      reason: reason.trim(),
      ...(subject.trim() ? { subjectUserId: subject.trim() } : {}),
      ...(caseReference.trim() ? { caseReference: caseReference.trim() } : {}),
    });
    setSubject('');
    setCaseReference('');
    setReason('');
    onChange();
  };
  return (
    <section data-testid="legal-holds">
      <h2>{t('retention.holds.heading')}</h2>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <label>
          {t('retention.holds.subject')}
          <input value={subject} onChange={(e) => setSubject(e.target.value)} />
        </label>
        <label>
          {t('retention.holds.caseReference')}
          <input value={caseReference} onChange={(e) => setCaseReference(e.target.value)} />
        </label>
        <label>
          {t('retention.holds.reason')}
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {missing && <p role="alert">{t('retention.holds.missing')}</p>}
        <button type="submit">{t('retention.holds.place')}</button>
      </form>
      {holds.length === 0 ? (
        <p>{t('retention.holds.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('retention.holds.subject')}</th>
              <th scope="col">{t('retention.holds.caseReference')}</th>
              <th scope="col">{t('retention.holds.reason')}</th>
              <th scope="col">{t('retention.holds.placedAt')}</th>
              <th scope="col">{t('retention.holds.state')}</th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id}>
                <td>{h.subjectName ?? h.subjectUserId ?? '—'}</td>
                <td>{h.caseReference ?? '—'}</td>
                <td>{h.reason}</td>
                <td>{new Date(h.placedAt).toLocaleString()}</td>
                <td>
                  {h.active ? (
                    <button
                      type="button"
                      onClick={() => void releaseLegalHold(h.id).then(onChange)}
                    >
                      {t('retention.holds.release')}
                    </button>
                  ) : (
                    t('retention.holds.released')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
