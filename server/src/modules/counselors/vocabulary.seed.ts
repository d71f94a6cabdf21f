import type { VocabularyKind } from '@anxin/common';
import type { Db } from '../../platform/db/database.ts';
import { vocabularyTerms } from '../../platform/db/schema/index.ts';

type Seed = [code: string, zh: string, en: string, qualifies?: boolean];

/**
 * The starting vocabularies of a new organisation; administrators edit them afterwards. The
 * qualification types follow current Chinese practice: registration with the Chinese
 * Psychological Society's clinical and counseling registry, the health-system psychotherapist
 * title, and the national level 2/3 counselor certificates that were discontinued in 2017 but
 * are still held (legacy, still accepted).
 */
const DEFAULTS: Record<VocabularyKind, Seed[]> = {
  specialty: [
    ['anxiety', '焦虑', 'Anxiety'],
    ['depression', '抑郁', 'Depression'],
    ['relationships', '亲密关系', 'Relationships'],
    ['family', '家庭', 'Family'],
    ['youth', '青少年', 'Youth'],
    ['trauma', '创伤', 'Trauma'],
    ['workplace', '职场压力', 'Workplace stress'],
    ['grief', '丧失与哀伤', 'Grief and loss'],
    ['sleep', '睡眠', 'Sleep'],
    ['self_growth', '个人成长', 'Personal growth'],
  ],
  approach: [
    ['cbt', '认知行为疗法', 'Cognitive behavioural therapy'],
    ['psychodynamic', '精神动力学', 'Psychodynamic'],
    ['humanistic', '人本主义', 'Humanistic'],
    ['family_systems', '家庭系统治疗', 'Family systems'],
    ['mindfulness', '正念', 'Mindfulness-based'],
    ['solution_focused', '焦点解决', 'Solution-focused'],
  ],
  language: [
    ['zh', '普通话', 'Mandarin'],
    ['yue', '粤语', 'Cantonese'],
    ['en', '英语', 'English'],
  ],
  qualification_type: [
    ['cps_registered', '中国心理学会注册心理师', 'CPS registered psychologist'],
    [
      'cps_registered_assistant',
      '中国心理学会注册助理心理师',
      'CPS registered assistant psychologist',
    ],
    ['psychotherapist', '心理治疗师', 'Psychotherapist (health system title)'],
    ['national_level_2', '国家二级心理咨询师（原）', 'National level 2 counselor (legacy)'],
    ['national_level_3', '国家三级心理咨询师（原）', 'National level 3 counselor (legacy)'],
  ],
};

/** Adds any missing default term; never changes or revives an edited or retired one. */
export async function seedCounselorVocabulary(db: Db, organizationId: string): Promise<void> {
  const rows = (Object.keys(DEFAULTS) as VocabularyKind[]).flatMap((kind) =>
    DEFAULTS[kind].map(([code, labelZh, labelEn, qualifies], i) => ({
      organizationId,
      kind,
      code,
      labelZh,
      labelEn,
      sortOrder: (i + 1) * 10,
      qualifies: qualifies ?? true,
    })),
  );
  await db.insert(vocabularyTerms).values(rows).onConflictDoNothing();
}
