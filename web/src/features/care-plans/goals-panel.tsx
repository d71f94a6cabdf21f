import type { Goal } from '@anxin/common';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useShellData } from '../../app/shell-data.ts';
import { Loaded } from '../../components/load-state.tsx';
import { useLiveResource } from '../counselors/use-live-resource.ts';
import { listGoals } from './care-plans-api.ts';
import { GoalCard } from './goal-card.tsx';
import { GoalForm } from './goal-form.tsx';
import './care-plans.css';

export interface CarePanelProps {
  clientUserId: string;
  episodeId: string;
}

/**
 * The treatment goals of one episode (C4), with their progress reviews: self-contained, so a
 * page mounts it with the client and the episode and nothing else. The server decides who reads
 * and who writes; the forms show only where it said the caller may act.
 */
export function GoalsPanel({
  clientUserId,
  episodeId,
  initial,
}: CarePanelProps & {
  /** Goals the page already read (the chart carries them): shown without reading them again. */
  initial?: readonly Goal[];
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const { actor } = useShellData();
  // Used once: each later load (after a change) asks the server, which answers what is current.
  const seed = useRef(initial);
  const goals = useLiveResource(`goals:${clientUserId}:${episodeId}`, (signal) => {
    const given = seed.current;
    seed.current = undefined;
    return given ? Promise.resolve([...given]) : listGoals(clientUserId, episodeId, signal);
  });
  const mayWrite = actor?.abilities.includes('goal.write') ?? false;
  const replace = (items: readonly Goal[], next: Goal) =>
    goals.replace(items.map((g) => (g.id === next.id ? next : g)));
  return (
    <section className="panel" aria-labelledby={headingId} data-testid="goals-panel">
      <h2 id={headingId}>{t('carePlans.goals.heading')}</h2>
      <p className="field__hint">{t('carePlans.goals.intro')}</p>
      <Loaded resource={goals}>
        {(items) => (
          <>
            {items.length === 0 ? (
              <p data-testid="goals-empty">{t('carePlans.goals.empty')}</p>
            ) : (
              <ul className="card-list" data-testid="goal-list">
                {items.map((goal) => (
                  <GoalCard
                    key={goal.id}
                    goal={goal}
                    onChanged={(next) => {
                      replace(items, next);
                    }}
                    onRevised={goals.refresh}
                  />
                ))}
              </ul>
            )}
            {mayWrite && <GoalForm mode="create" episodeId={episodeId} onSaved={goals.refresh} />}
          </>
        )}
      </Loaded>
    </section>
  );
}
