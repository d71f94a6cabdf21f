import type { Referral } from '@anxin/common';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellData } from '../../app/shell-data.ts';
import { Loaded } from '../../components/load-state.tsx';
import { useLiveResource } from '../counselors/use-live-resource.ts';
import { listReferralResources, listReferrals } from './care-plans-api.ts';
import type { CarePanelProps } from './goals-panel.tsx';
import { ReferralCard } from './referral-card.tsx';
import { ReferralForm } from './referral-form.tsx';
import './care-plans.css';

/**
 * The referrals of one episode (C6) and the form to make one from the directory:
 * self-contained, mounted with the client and the episode. Who reads and who acts is the
 * server's decision; the panel only hides what it said the caller may not do.
 */
export function ReferralsPanel({ clientUserId, episodeId }: CarePanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const { actor } = useShellData();
  const mayRefer = actor?.abilities.includes('referral.make') ?? false;
  const referrals = useLiveResource(`referrals:${clientUserId}:${episodeId}`, (signal) =>
    listReferrals(clientUserId, episodeId, signal),
  );
  const directory = useLiveResource(mayRefer ? 'referral-directory' : null, (signal) =>
    listReferralResources(false, signal),
  );
  const replace = (items: readonly Referral[], next: Referral) =>
    referrals.replace(items.map((r) => (r.id === next.id ? next : r)));
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="referrals-panel">
      <h2 id={headingId}>{t('carePlans.referrals.heading')}</h2>
      <p className="field__hint">{t('carePlans.referrals.intro')}</p>
      <Loaded resource={referrals}>
        {(items) =>
          items.length === 0 ? (
            <p data-testid="referrals-empty">{t('carePlans.referrals.empty')}</p>
          ) : (
            <ul className="card-list" data-testid="referral-list">
              {items.map((referral) => (
                <ReferralCard
                  key={referral.id}
                  referral={referral}
                  onChanged={(next) => {
                    replace(items, next);
                  }}
                />
              ))}
            </ul>
          )
        }
      </Loaded>
      {mayRefer && (
        <Loaded resource={directory}>
          {(resources) => (
            <ReferralForm
              episodeId={episodeId}
              resources={resources}
              onCreated={referrals.refresh}
            />
          )}
        </Loaded>
      )}
    </section>
  );
}
