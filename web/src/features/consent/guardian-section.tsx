import type { Guardianship } from '@anxin/common';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ActionOutcome, useActionState } from '../counselors/action-state.tsx';
import { requestGuardianship } from './consent-api.ts';

/**
 * Guardians of minors (C11), kept minimal: ask to be linked to a minor's account; once an
 * administrator has verified the link, sign and read the minor's consents from here.
 */
export function GuardianSection({
  items,
  userId,
  onChanged,
}: {
  items: Guardianship[];
  userId: string;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const action = useActionState();
  const contactId = useId();
  const relationId = useId();
  const [contact, setContact] = useState('');
  const [relationship, setRelationship] = useState<'parent' | 'legal_guardian'>('parent');
  const wards = items.filter((g) => g.guardianUserId === userId);
  return (
    <section className="panel" data-testid="guardian-section">
      <h2>{t('consent.guardian.title')}</h2>
      <p>{t('consent.guardian.lead')}</p>
      {wards.length > 0 && (
        <ul>
          {wards.map((g) => (
            <li key={g.id}>
              {g.minorName} · {t(`consent.guardian.status.${g.status}`)}
              {g.status === 'active' && (
                <>
                  {' '}
                  <Link to={`/consent?subject=${g.minorUserId}`}>{t('consent.guardian.sign')}</Link>
                  {' · '}
                  <Link to={`/consent/mine?subject=${g.minorUserId}`}>
                    {t('consent.guardian.view')}
                  </Link>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          action.run(
            'link',
            async () => {
              await requestGuardianship(contact, relationship);
              setContact('');
              onChanged();
            },
            { key: 'consent.guardian.requested' },
          );
        }}
      >
        <div className="field">
          <label className="field__label" htmlFor={contactId}>
            {t('consent.guardian.contact')}
          </label>
          <input
            id={contactId}
            value={contact}
            autoComplete="off"
            onChange={(event) => {
              setContact(event.target.value);
            }}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={relationId}>
            {t('consent.guardian.relationship')}
          </label>
          <select
            id={relationId}
            value={relationship}
            onChange={(event) => {
              setRelationship(event.target.value === 'parent' ? 'parent' : 'legal_guardian');
            }}
          >
            <option value="parent">{t('consent.guardian.relation.parent')}</option>
            <option value="legal_guardian">{t('consent.guardian.relation.legal_guardian')}</option>
          </select>
        </div>
        <button type="submit" className="button button--secondary" disabled={action.busy !== null}>
          {t('consent.guardian.request')}
        </button>
        <ActionOutcome state={action} testId="guardian-link" />
      </form>
    </section>
  );
}
