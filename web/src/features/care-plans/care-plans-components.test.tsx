import type { Goal, Locale, Referral, ReferralResource } from '@anxin/common';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/providers.tsx';
import { accessFor } from '../../app/route-guard.ts';
import type { ShellData } from '../../app/shell-data.ts';
import { buildMeta } from '../../app/test-fixtures.ts';
import { createI18n } from '../../i18n/i18n.ts';
import { GoalCard } from './goal-card.tsx';
import { GoalForm } from './goal-form.tsx';
import { ReferralCard } from './referral-card.tsx';
import { ResourceFacts } from './resource-facts.tsx';

const SHELL: ShellData = { status: 'ready', meta: buildMeta(), actor: null };
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function html(node: ReactNode, locale: Locale = 'en') {
  return renderToString(
    <AppProviders i18n={createI18n(locale)} initial={SHELL}>
      <MemoryRouter>{node}</MemoryRouter>
    </AppProviders>,
  );
}

const GOAL: Goal = {
  id: uuid(1),
  clientUserId: uuid(2),
  episodeId: uuid(3),
  authorUserId: uuid(4),
  authorName: 'Lin',
  description: 'Mood manageable again',
  measure: { kind: 'instrument', instrument: 'phq9', comparator: 'lte', target: 9 },
  targetDate: '2030-03-01',
  status: 'active',
  statusReason: null,
  statusChangedAt: null,
  previousGoalId: null,
  nextGoalId: null,
  latestScore: {
    assessmentId: uuid(5),
    total: 8,
    band: 'mild',
    completedAt: '2030-02-01T02:00:00Z',
    met: true,
  },
  reviews: [
    {
      id: uuid(6),
      reviewedOn: '2030-01-15',
      rating: 'some_progress',
      note: 'Sleeping better.',
      authorUserId: uuid(4),
      authorName: 'Lin',
      score: {
        assessmentId: uuid(7),
        total: 14,
        band: 'moderate',
        completedAt: '2030-01-10T02:00:00Z',
        met: false,
      },
      createdAt: '2030-01-15T03:00:00Z',
    },
  ],
  createdAt: '2030-01-01T02:00:00Z',
  updatedAt: '2030-01-15T03:00:00Z',
  can: { review: true, changeStatus: true, revise: true },
};

const REFERRAL: Referral = {
  id: uuid(10),
  clientUserId: uuid(2),
  episodeId: uuid(3),
  resource: {
    id: uuid(11),
    kind: 'crisis_line',
    nameZh: '全国心理援助热线',
    nameEn: 'National psychological assistance hotline',
    phone: '12356',
  },
  reason: 'Acute risk tonight',
  basis: {
    kind: 'exception',
    code: 'danger_to_self',
    justification: 'Plan and means.',
    legalReference: null,
  },
  disclosureId: uuid(12),
  riskSignalId: null,
  status: 'made',
  madeAt: '2030-01-20T14:00:00Z',
  acknowledgedAt: null,
  closedAt: null,
  outcome: null,
  authorUserId: uuid(4),
  authorName: 'Lin',
  createdAt: '2030-01-20T14:00:00Z',
  updatedAt: '2030-01-20T14:00:00Z',
  can: { acknowledge: true, close: true },
};

describe('a goal card', () => {
  it('shows the measure, the newest score against the target, and each review with its score', () => {
    const out = html(
      <GoalCard goal={GOAL} onChanged={() => undefined} onRevised={async () => undefined} />,
    );
    expect(out).toContain('data-status="active"');
    expect(out).toContain('Mood manageable again');
    expect(out).toMatch(/PHQ-9\)? total at most 9/);
    expect(out).toContain('data-met="true"');
    expect(out).toContain('Target met');
    expect(out).toContain('Some progress (Lin)');
    expect(out).toMatch(/PHQ-9\)? then: 14/);
    expect(out).toContain('data-testid="goal-open-review"');
    expect(out).toContain('data-testid="goal-open-revise"');
  });

  it('offers nothing to change on a closed goal, and speaks Chinese', () => {
    const closed: Goal = {
      ...GOAL,
      status: 'achieved',
      can: { review: false, changeStatus: false, revise: false },
    };
    const out = html(
      <GoalCard goal={closed} onChanged={() => undefined} onRevised={async () => undefined} />,
      'zh-CN',
    );
    expect(out).toContain('已达成');
    expect(out).not.toContain('data-testid="goal-open-review"');
    expect(out).not.toContain('data-testid="goal-open-revise"');
  });
});

describe('the goal form', () => {
  it('starts with a questionnaire target and labels each field', () => {
    const out = html(
      <GoalForm mode="create" episodeId={uuid(3)} onSaved={async () => undefined} />,
    );
    expect(out).toContain('data-testid="goal-add-measure-target"');
    expect(out).toContain('Target score');
    expect(out).toContain('type="date"');
  });
});

describe('a referral card', () => {
  it('names the exception, its justification, and the register entry', () => {
    const out = html(<ReferralCard referral={REFERRAL} onChanged={() => undefined} />);
    expect(out).toContain('Confidentiality exception: Danger to the client&#x27;s own life');
    expect(out).toContain('Justification: Plan and means.');
    expect(out).toContain('Entered in the disclosure register.');
    expect(out).toContain('href="tel:12356"');
    expect(out).toContain('data-testid="referral-acknowledge"');
  });
});

describe('a directory entry', () => {
  const entry: ReferralResource = {
    id: uuid(20),
    kind: 'hospital',
    code: null,
    nameZh: '市精神卫生中心',
    nameEn: 'City Mental Health Centre',
    phone: '010-8295 1332',
    address: null,
    hours: '24 hours',
    notes: null,
    active: true,
    sortOrder: 100,
    createdAt: '2030-01-01T00:00:00Z',
    updatedAt: '2030-01-01T00:00:00Z',
  };

  it('gives a number to tap, named for screen readers', () => {
    const out = html(<ResourceFacts resource={entry} />);
    expect(out).toContain('href="tel:01082951332"');
    expect(out).toContain('aria-label="Call 市精神卫生中心: 010-8295 1332"');
    expect(out).toContain('Hours: 24 hours');
  });
});

describe('the directory page', () => {
  it('is for those who manage the directory', () => {
    expect(accessFor('/admin/referral-resources')).toEqual({
      kind: 'ability',
      anyOf: ['referral_resource.manage'],
    });
  });
});
