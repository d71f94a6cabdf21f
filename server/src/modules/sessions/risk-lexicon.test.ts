import { describe, expect, it } from 'vitest';
import { lexiconDetector } from './risk-lexicon.ts';

const kinds = (text: string, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  lexiconDetector
    .assess(text, locale)
    .map((f) => `${f.kind}:${f.severity}`)
    .sort();

describe('risk lexicon', () => {
  it('finds suicidal ideation in Chinese', () => {
    expect(kinds('我真的不想活了')).toEqual(['suicidal_ideation:high']);
    expect(kinds('有时候我想结束生命')).toEqual(['suicidal_ideation:high']);
    expect(kinds('我准备自杀')).toEqual(['suicidal_ideation:high']);
    expect(kinds('我 今晚 就 自杀')).toEqual(['suicidal_ideation:imminent']);
    expect(kinds('我已经写好遗书了')).toEqual(['suicidal_ideation:imminent']);
    expect(kinds('我想过自杀')).toEqual(['suicidal_ideation:moderate']);
  });

  it('finds self-harm and harm to others in Chinese', () => {
    expect(kinds('昨天又割腕了')).toEqual(['self_harm:high']);
    expect(kinds('我真想杀了他')).toEqual(['harm_to_others:high']);
  });

  it('finds them in English, whatever the interface language', () => {
    expect(kinds('I want to kill myself', 'en')).toEqual(['suicidal_ideation:high']);
    expect(kinds('I just want to END MY LIFE', 'en')).toEqual(['suicidal_ideation:high']);
    expect(kinds('I don’t want to live anymore', 'en')).toEqual(['suicidal_ideation:high']);
    expect(kinds('tonight I will kill myself', 'en')).toEqual(['suicidal_ideation:imminent']);
    expect(kinds('I keep cutting myself', 'zh-CN')).toEqual(['self_harm:high']);
    expect(kinds('I could kill him', 'en')).toEqual(['harm_to_others:high']);
  });

  it('keeps one finding per kind, the most serious', () => {
    expect(kinds('不想活了，今晚就自杀，还想割腕')).toEqual([
      'self_harm:high',
      'suicidal_ideation:imminent',
    ]);
  });

  it('stays quiet on ordinary and academic talk', () => {
    for (const text of [
      '我在写一篇关于自杀率的论文',
      '自杀预防热线的电话是多少',
      '今天工作很累，但还好',
      '这部电影笑死我了',
      'My thesis is about suicide prevention',
      'Suicide rates rose last year',
      'I killed it at the presentation',
      'The deadline is killing me',
    ]) {
      expect(kinds(text), text).toEqual([]);
    }
  });

  it('has known false positives: a lexicon cannot read intent', () => {
    // Quoting a film line is flagged; a person reviews every signal (documented limitation).
    expect(kinds('电影里的台词是“我不想活了”')).toEqual(['suicidal_ideation:high']);
  });
});
