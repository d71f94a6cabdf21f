import { PHQ9, type Locale } from '@anxin/common';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { AppProviders } from '../../app/providers.tsx';
import { accessFor } from '../../app/route-guard.ts';
import type { ShellData } from '../../app/shell-data.ts';
import { FULL_MFA, buildActor, buildMeta } from '../../app/test-fixtures.ts';
import { renderPath, VISITOR } from '../../app/test-render.tsx';
import { createI18n } from '../../i18n/i18n.ts';
import { CrisisSupport } from '../assessments/crisis-support.tsx';
import { QuestionCard } from '../assessments/question-card.tsx';
import { TrendChart } from './trend-chart.tsx';

const SHELL: ShellData = { status: 'ready', meta: buildMeta(), actor: null };

function html(node: ReactNode, locale: Locale = 'zh-CN') {
  return renderToString(
    <AppProviders i18n={createI18n(locale)} initial={SHELL}>
      <MemoryRouter>{node}</MemoryRouter>
    </AppProviders>,
  );
}

const TREND = {
  assessmentCode: 'phq9',
  points: [
    { at: '2030-01-05T02:00:00Z', total: 16, band: 'moderately_severe' },
    { at: '2030-02-05T02:00:00Z', total: 8, band: 'mild' },
  ],
};

describe('the trend chart', () => {
  it('is a named image with a summary, its bands labelled, and the same scores as a table', () => {
    const out = html(<TrendChart trend={TREND} />, 'en');
    expect(out).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="[^"]+"[^>]*aria-describedby=/);
    expect(out).toContain('Patient Health Questionnaire (PHQ-9): scores over time</title>');
    expect(out).toContain('2 results; the latest 8 of 27, Mild.</desc>');
    for (const band of ['Minimal', 'Mild', 'Moderate', 'Moderately severe', 'Severe']) {
      expect(out).toContain(`>${band}</text>`);
    }
    expect(out.match(/<circle/g)).toHaveLength(2);
    expect(out).toContain('<td>16 / 27</td><td>Moderately severe</td>');
    // The table lists the latest first.
    expect(out.indexOf('8 / 27')).toBeLessThan(out.indexOf('16 / 27'));
  });

  it('speaks the page language', () => {
    expect(html(<TrendChart trend={TREND} />)).toContain('>中重度</text>');
  });

  it('draws nothing for an instrument without a total', () => {
    expect(html(<TrendChart trend={{ assessmentCode: 'cssrs_screener', points: [] }} />)).toBe('');
  });
});

describe('a question card', () => {
  const item = PHQ9.items[8];
  if (!item) throw new Error('PHQ-9 has nine items');

  it('is a group named by the question, each answer a labelled radio', () => {
    const out = html(
      <QuestionCard
        item={item}
        number={9}
        total={10}
        answer="LA6569-3"
        missing={false}
        onAnswer={() => undefined}
      />,
    );
    expect(out).toContain('<fieldset');
    expect(out).toContain('有不如死掉或用某种方式伤害自己的念头');
    expect(out).toContain('第 9 题，共 10 题');
    expect(out.match(/type="radio"/g)).toHaveLength(4);
    expect(out).toMatch(/<label class="answer answer--chosen"><input type="radio"[^>]*checked/);
  });

  it('says when it was left out, tied to the group', () => {
    const out = html(
      <QuestionCard
        item={item}
        number={1}
        total={1}
        answer={undefined}
        missing
        onAnswer={() => undefined}
      />,
      'en',
    );
    expect(out).toMatch(/<fieldset[^>]*aria-describedby="([^"]+)"[\s\S]*id="\1"/);
    expect(out).toContain('Please answer this question.');
  });
});

describe('the crisis support message', () => {
  it('offers the psychological aid line, the ambulance and the police, in that order', () => {
    const out = html(<CrisisSupport />);
    const tels = [...out.matchAll(/href="tel:(\d+)"/g)].map((match) => match[1]);
    expect(tels).toEqual(['12356', '120', '110']);
    expect(out).toContain('全国心理援助热线');
    expect(out).not.toMatch(/分数|总分/);
  });
});

describe('who may open the clinical pages', () => {
  it.each([
    '/clients/00000000-0000-4000-8000-000000000009/chart',
    '/records/00000000-0000-4000-8000-000000000009',
    '/me/assessments',
    '/me/assessments/00000000-0000-4000-8000-000000000009',
  ])('%s needs an account (the server decides the rest)', (path) => {
    expect(accessFor(path)).toEqual({ kind: 'signed-in' });
  });

  it('renders the pages for a signed-in person and sends a visitor to sign in', () => {
    const counselor: ShellData = {
      status: 'ready',
      meta: buildMeta(),
      actor: buildActor({ roles: ['counselor'], mfa: FULL_MFA, abilities: ['record.write'] }),
    };
    const client: ShellData = { status: 'ready', meta: buildMeta(), actor: buildActor() };
    expect(renderPath('/clients/abc/chart', counselor)).toContain('data-testid="chart-page"');
    expect(renderPath('/records/abc', counselor)).toContain('data-testid="record-page"');
    expect(renderPath('/me/assessments', client)).toContain('data-testid="my-assessments-page"');
    expect(renderPath('/me/assessments/abc', client)).toContain('data-testid="questionnaire-page"');
    expect(renderPath('/records/abc', VISITOR)).not.toContain('record-page');
  });

  it('offers clients their questionnaires in the menu', () => {
    const client: ShellData = { status: 'ready', meta: buildMeta(), actor: buildActor() };
    expect(renderPath('/', client, 'en')).toMatch(
      /href="\/me\/assessments"[^>]*>My questionnaires/,
    );
  });
});
