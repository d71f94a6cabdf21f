import type { DirectoryCounselor, Locale, Permission, VocabularyTerm } from '@anxin/common';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/providers.tsx';
import { accessFor } from '../../app/route-guard.ts';
import type { ShellData } from '../../app/shell-data.ts';
import { FULL_MFA, buildActor, buildMeta } from '../../app/test-fixtures.ts';
import { renderPath, VISITOR } from '../../app/test-render.tsx';
import { createI18n } from '../../i18n/i18n.ts';
import { vocabularyLabel, vocabularyLabels, vocabularyOptions } from './counselor-format.ts';
import { CounselorCard } from './counselor-card.tsx';
import { FeeList } from './fee-list.tsx';
import type { Vocabularies } from './use-vocabularies.ts';

function staff(roles: ['counselor'] | ['administrator'], abilities: Permission[]): ShellData {
  return {
    status: 'ready',
    meta: buildMeta(),
    actor: buildActor({ roles, mfa: FULL_MFA, abilities }),
  };
}

const render = (path: string, shell: ShellData = VISITOR, locale?: Locale) =>
  renderPath(path, shell, locale);

describe('who may open the counselor pages', () => {
  it.each([
    ['/counselor/profile', 'counselor.apply'],
    ['/counselor/qualifications', 'counselor.apply'],
    ['/counselor/relationships', 'counselor.apply'],
    ['/counselor/development', 'counselor.apply'],
    ['/admin/counselors', 'counselor.list'],
    ['/admin/counselors/development', 'counselor.development.report'],
    ['/admin/counselors/00000000-0000-4000-8000-000000000003', 'counselor.review'],
    ['/admin/vocabularies', 'vocabulary.update'],
    ['/admin/settings', 'counselor.settings.update'],
  ])('%s needs %s', (path, ability) => {
    expect(accessFor(path)).toEqual({ kind: 'ability', anyOf: [ability] });
  });

  it('leaves the directory public', () => {
    expect(accessFor('/counselors')).toEqual({ kind: 'public' });
    expect(accessFor('/counselors/00000000-0000-4000-8000-000000000003')).toEqual({
      kind: 'public',
    });
  });

  it('renders the application page for a counselor, and the 404 page without the ability', () => {
    expect(render('/counselor/profile', staff(['counselor'], ['counselor.apply']))).toContain(
      'data-testid="counselor-profile-page"',
    );
    const refused = render('/counselor/profile', staff(['counselor'], []));
    expect(refused).toContain('data-testid="not-found"');
    expect(refused).not.toContain('counselor-profile-page');
  });

  it('renders the administrators’ pages with their abilities', () => {
    const admin = staff(
      ['administrator'],
      [
        'counselor.list',
        'counselor.review',
        'counselor.development.report',
        'vocabulary.update',
        'counselor.settings.update',
      ],
    );
    for (const [path, page] of [
      ['/admin/counselors', 'admin-counselors-page'],
      ['/admin/counselors/development', 'admin-shortfall-page'],
      ['/admin/counselors/00000000-0000-4000-8000-000000000003', 'admin-counselor-page'],
      ['/admin/vocabularies', 'admin-vocabularies-page'],
      ['/admin/settings', 'admin-settings-page'],
    ] as const) {
      expect(render(path, admin), path).toContain(`data-testid="${page}"`);
    }
    const html = render('/admin/counselors', admin, 'en');
    expect(html).toContain('Review queue');
    expect(html).toMatch(/aria-current="page"[^>]*data-testid="admin-view-review"/);
  });

  it('shows the directory and its filters to a visitor, in both languages', () => {
    const zh = render('/counselors');
    expect(zh).toContain('寻找咨询师</h1>');
    expect(zh).toContain('role="search"');
    expect(zh).toContain('data-testid="directory-filter-specialty"');
    const en = render('/counselors?minPrice=200', VISITOR, 'en');
    expect(en).toContain('Find a counselor</h1>');
    expect(en).toMatch(/data-testid="directory-filter-minPrice"[^>]*value="200"/);
    // On a phone the filters fold away; the button says one is set.
    expect(en).toMatch(
      /aria-expanded="false"[^>]*data-testid="directory-filters-toggle">Show filters \(1 set\)/,
    );
  });
});

const TERMS: VocabularyTerm[] = [
  ['specialty', 'anxiety', '焦虑', 'Anxiety'],
  ['approach', 'cbt', '认知行为疗法', 'Cognitive behavioural therapy'],
  ['language', 'zh', '普通话', 'Mandarin'],
  ['qualification_type', 'cps_registered', '中国心理学会注册心理师', 'CPS registered psychologist'],
].map(([kind, code, labelZh, labelEn], index) => ({
  id: `00000000-0000-4000-8000-00000000010${String(index)}`,
  kind: kind as VocabularyTerm['kind'],
  code: code ?? '',
  labelZh: labelZh ?? '',
  labelEn: labelEn ?? '',
  active: true,
  sortOrder: index,
  qualifies: true,
}));

function vocabularies(locale: string): Vocabularies {
  return {
    terms: TERMS,
    ready: true,
    error: null,
    reload: () => undefined,
    label: (kind, code) => vocabularyLabel(TERMS, kind, code, locale),
    labels: (kind, codes) => vocabularyLabels(TERMS, kind, codes, locale),
    options: (kind, selected) => vocabularyOptions(TERMS, kind, locale, selected),
  };
}

const COUNSELOR: DirectoryCounselor = {
  id: '00000000-0000-4000-8000-000000000042',
  displayName: 'Lin Wei',
  gender: 'female',
  languages: ['zh'],
  specialties: ['anxiety'],
  approaches: ['cbt'],
  modalities: ['video', 'text'],
  yearsOfPractice: 8,
  feeFromFen: 45000,
  photoUrl: null,
  bioZh: '',
  bioEn: '',
  qualificationTypes: ['cps_registered'],
  nextAvailableAt: null,
  rating: null,
};

function renderCard(locale: Locale, counselor: DirectoryCounselor = COUNSELOR) {
  return renderToString(
    <AppProviders i18n={createI18n(locale)} initial={VISITOR}>
      <MemoryRouter>
        <ul>
          <CounselorCard counselor={counselor} vocabularies={vocabularies(locale)} />
        </ul>
      </MemoryRouter>
    </AppProviders>,
  );
}

describe('a directory card', () => {
  it('shows labels in the page language, the lowest fee in yuan and the verified types', () => {
    const en = renderCard('en');
    expect(en).toContain('href="/counselors/00000000-0000-4000-8000-000000000042"');
    expect(en).toContain('Anxiety');
    expect(en).toContain('Cognitive behavioural therapy');
    expect(en).toContain('Video, Text chat');
    expect(en).toContain('from ¥450');
    expect(en).toContain('8 years of practice');
    expect(en).toContain('CPS registered psychologist');
    const zh = renderCard('zh-CN');
    expect(zh).toContain('焦虑');
    expect(zh).toContain('¥450 起');
    expect(zh).toContain('中国心理学会注册心理师');
  });

  it('shows initials without a photo, and no rating or availability it does not have', () => {
    const html = renderCard('en');
    expect(html).toMatch(/avatar--initials[^>]*aria-hidden="true"[^>]*>LW</);
    expect(html).not.toMatch(/rating|★|stars?\b|available/i);
  });

  it('shows the photo with a text alternative when there is one, and no fee when none is set', () => {
    const html = renderCard('en', {
      ...COUNSELOR,
      photoUrl: '/api/v1/counselor-profiles/x/photo',
      feeFromFen: null,
    });
    expect(html).toContain('src="/api/v1/counselor-profiles/x/photo"');
    expect(html).toContain('alt="Photo of Lin Wei"');
    expect(html).not.toContain('directory-card-fee');
  });
});

describe('fees', () => {
  it('lists known session types first, in yuan', () => {
    const html = renderToString(
      <AppProviders i18n={createI18n('en')} initial={VISITOR}>
        <FeeList fees={{ group: 9000, follow_up: 40000, intake: 50050 }} />
      </AppProviders>,
    );
    const intake = html.indexOf('Intake session');
    const followUp = html.indexOf('Follow-up session');
    expect(intake).toBeGreaterThan(-1);
    expect(followUp).toBeGreaterThan(intake);
    expect(html.indexOf('group')).toBeGreaterThan(followUp);
    expect(html).toContain('¥500.50');
    expect(html).toContain('¥400');
  });
});
