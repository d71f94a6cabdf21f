/**
 * Standard assessments as data (C3, C4): the wording in both languages, item codes, LOINC codes
 * where LOINC has them, the answer options with their scores, and how the instrument is scored.
 * The server scores from this and the web app renders from it, so the two cannot disagree.
 *
 * PHQ-9 and GAD-7 are the Pfizer instruments (no permission required to reproduce or translate);
 * the Chinese wording follows the Chinese versions in common clinical use. The C-SSRS screener
 * is the Columbia Protocol's six-question screen ("since last visit"/"past month" version).
 */

export type Localized = { 'zh-CN': string; en: string };

export interface AnswerOption {
  /** Stable code stored with a response (a LOINC answer code where one exists). */
  code: string;
  score: number;
  label: Localized;
}

export interface AssessmentItem {
  /** Stable item code, also the FHIR `linkId`. */
  code: string;
  loinc?: string;
  text: Localized;
  options: readonly AnswerOption[];
  /** Counted in the total score (a difficulty item is asked but not scored). */
  scored: boolean;
  /** Whether the client must answer it to submit. */
  required: boolean;
  /** Asked only when another item has one of these answers (C-SSRS skip logic). */
  askedWhen?: { item: string; answers: readonly string[] };
}

export interface Band {
  code: string;
  min: number;
  max: number;
  label: Localized;
}

export interface AssessmentDefinition {
  code: AssessmentCode;
  version: string;
  title: Localized;
  /** LOINC panel and total-score codes. */
  loinc?: { panel: string; total?: string };
  instructions: Localized;
  items: readonly AssessmentItem[];
  /** Sum-scored instruments have bands over the total; the C-SSRS screener triages instead. */
  scoring: { kind: 'sum'; max: number; bands: readonly Band[] } | { kind: 'cssrs_triage' };
}

export const ASSESSMENT_CODES = ['phq9', 'gad7', 'cssrs_screener'] as const;
export type AssessmentCode = (typeof ASSESSMENT_CODES)[number];

const FREQUENCY: readonly AnswerOption[] = [
  { code: 'LA6568-5', score: 0, label: { 'zh-CN': '完全不会', en: 'Not at all' } },
  { code: 'LA6569-3', score: 1, label: { 'zh-CN': '好几天', en: 'Several days' } },
  {
    code: 'LA6570-1',
    score: 2,
    label: { 'zh-CN': '一半以上的天数', en: 'More than half the days' },
  },
  { code: 'LA6571-9', score: 3, label: { 'zh-CN': '几乎每天', en: 'Nearly every day' } },
];

const DIFFICULTY: readonly AnswerOption[] = [
  { code: 'LA6572-7', score: 0, label: { 'zh-CN': '毫无困难', en: 'Not difficult at all' } },
  { code: 'LA6573-5', score: 1, label: { 'zh-CN': '有点困难', en: 'Somewhat difficult' } },
  { code: 'LA6574-3', score: 2, label: { 'zh-CN': '非常困难', en: 'Very difficult' } },
  { code: 'LA6575-0', score: 3, label: { 'zh-CN': '极度困难', en: 'Extremely difficult' } },
];

const YES_NO: readonly AnswerOption[] = [
  { code: 'yes', score: 1, label: { 'zh-CN': '是', en: 'Yes' } },
  { code: 'no', score: 0, label: { 'zh-CN': '否', en: 'No' } },
];

const frequencyItem = (code: string, loinc: string, zh: string, en: string): AssessmentItem => ({
  code,
  loinc,
  text: { 'zh-CN': zh, en },
  options: FREQUENCY,
  scored: true,
  required: true,
});

const DIFFICULTY_TEXT: Localized = {
  'zh-CN': '如果您有以上任何问题，这些问题在您工作、处理家务或与他人相处时造成了多大的困难？',
  en: 'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?',
};

const TWO_WEEKS: Localized = {
  'zh-CN': '在过去两个星期，有多少时候您受到以下任何问题所困扰？',
  en: 'Over the last 2 weeks, how often have you been bothered by any of the following problems?',
};

export const PHQ9: AssessmentDefinition = {
  code: 'phq9',
  version: '1',
  title: { 'zh-CN': '患者健康问卷（PHQ-9）', en: 'Patient Health Questionnaire (PHQ-9)' },
  loinc: { panel: '44249-1', total: '44261-6' },
  instructions: TWO_WEEKS,
  items: [
    frequencyItem(
      'phq9_1',
      '44250-9',
      '做事时提不起劲或没有兴趣',
      'Little interest or pleasure in doing things',
    ),
    frequencyItem(
      'phq9_2',
      '44255-8',
      '感到心情低落、沮丧或绝望',
      'Feeling down, depressed, or hopeless',
    ),
    frequencyItem(
      'phq9_3',
      '44259-0',
      '入睡困难、睡不安稳或睡眠过多',
      'Trouble falling or staying asleep, or sleeping too much',
    ),
    frequencyItem(
      'phq9_4',
      '44254-1',
      '感觉疲倦或没有活力',
      'Feeling tired or having little energy',
    ),
    frequencyItem('phq9_5', '44251-7', '食欲不振或吃太多', 'Poor appetite or overeating'),
    frequencyItem(
      'phq9_6',
      '44258-2',
      '觉得自己很糟，或觉得自己很失败，或让自己或家人失望',
      'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
    ),
    frequencyItem(
      'phq9_7',
      '44252-5',
      '对事物专注有困难，例如阅读报纸或看电视时',
      'Trouble concentrating on things, such as reading the newspaper or watching television',
    ),
    frequencyItem(
      'phq9_8',
      '44253-3',
      '动作或说话速度缓慢到别人已经觉察；或正好相反，烦躁或坐立不安、动来动去的情况更胜于平常',
      'Moving or speaking so slowly that other people could have noticed; or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
    ),
    frequencyItem(
      'phq9_9',
      '44260-8',
      '有不如死掉或用某种方式伤害自己的念头',
      'Thoughts that you would be better off dead, or of hurting yourself in some way',
    ),
    {
      code: 'phq9_difficulty',
      loinc: '69722-7',
      text: DIFFICULTY_TEXT,
      options: DIFFICULTY,
      scored: false,
      required: false,
    },
  ],
  scoring: {
    kind: 'sum',
    max: 27,
    bands: [
      { code: 'minimal', min: 0, max: 4, label: { 'zh-CN': '无或极轻微', en: 'Minimal' } },
      { code: 'mild', min: 5, max: 9, label: { 'zh-CN': '轻度', en: 'Mild' } },
      { code: 'moderate', min: 10, max: 14, label: { 'zh-CN': '中度', en: 'Moderate' } },
      {
        code: 'moderately_severe',
        min: 15,
        max: 19,
        label: { 'zh-CN': '中重度', en: 'Moderately severe' },
      },
      { code: 'severe', min: 20, max: 27, label: { 'zh-CN': '重度', en: 'Severe' } },
    ],
  },
};

export const GAD7: AssessmentDefinition = {
  code: 'gad7',
  version: '1',
  title: { 'zh-CN': '广泛性焦虑量表（GAD-7）', en: 'Generalized Anxiety Disorder 7-item (GAD-7)' },
  loinc: { panel: '69737-5', total: '70274-6' },
  instructions: TWO_WEEKS,
  items: [
    frequencyItem(
      'gad7_1',
      '69725-0',
      '感觉紧张、焦虑或急切',
      'Feeling nervous, anxious, or on edge',
    ),
    frequencyItem(
      'gad7_2',
      '68509-9',
      '不能够停止或控制担忧',
      'Not being able to stop or control worrying',
    ),
    frequencyItem(
      'gad7_3',
      '69733-4',
      '对各种各样的事情担忧过多',
      'Worrying too much about different things',
    ),
    frequencyItem('gad7_4', '69734-2', '很难放松下来', 'Trouble relaxing'),
    frequencyItem(
      'gad7_5',
      '69735-9',
      '由于不安而无法静坐',
      'Being so restless that it is hard to sit still',
    ),
    frequencyItem(
      'gad7_6',
      '69689-8',
      '变得容易烦恼或急躁',
      'Becoming easily annoyed or irritable',
    ),
    frequencyItem(
      'gad7_7',
      '69736-7',
      '感到似乎将有可怕的事情发生而害怕',
      'Feeling afraid, as if something awful might happen',
    ),
    // LOINC has no code we could confirm for GAD-7's difficulty question: it carries none.
    {
      code: 'gad7_difficulty',
      text: DIFFICULTY_TEXT,
      options: DIFFICULTY,
      scored: false,
      required: false,
    },
  ],
  scoring: {
    kind: 'sum',
    max: 21,
    bands: [
      { code: 'minimal', min: 0, max: 4, label: { 'zh-CN': '无或极轻微', en: 'Minimal' } },
      { code: 'mild', min: 5, max: 9, label: { 'zh-CN': '轻度', en: 'Mild' } },
      { code: 'moderate', min: 10, max: 14, label: { 'zh-CN': '中度', en: 'Moderate' } },
      { code: 'severe', min: 15, max: 21, label: { 'zh-CN': '重度', en: 'Severe' } },
    ],
  },
};

const yesNo = (
  code: string,
  zh: string,
  en: string,
  askedWhen?: AssessmentItem['askedWhen'],
): AssessmentItem => ({
  code,
  text: { 'zh-CN': zh, en },
  options: YES_NO,
  scored: false,
  required: true,
  ...(askedWhen ? { askedWhen } : {}),
});

const AFTER_2 = { item: 'cssrs_2', answers: ['yes'] } as const;

export const CSSRS_SCREENER: AssessmentDefinition = {
  code: 'cssrs_screener',
  version: '1',
  title: {
    'zh-CN': '哥伦比亚自杀严重程度评定量表（筛查版）',
    en: 'Columbia Suicide Severity Rating Scale (screener)',
  },
  instructions: {
    'zh-CN': '请回答过去一个月内的情况。',
    en: 'Answer for the past month.',
  },
  items: [
    yesNo(
      'cssrs_1',
      '您是否曾希望自己死去，或希望自己睡着后不再醒来？',
      'Have you wished you were dead or wished you could go to sleep and not wake up?',
    ),
    yesNo(
      'cssrs_2',
      '您是否真的有过想要自杀的念头？',
      'Have you actually had any thoughts about killing yourself?',
    ),
    yesNo(
      'cssrs_3',
      '您是否想过要怎么做？',
      'Have you been thinking about how you might do this?',
      AFTER_2,
    ),
    yesNo(
      'cssrs_4',
      '您有这些念头时，是否有过付诸行动的意图？',
      'Have you had these thoughts and had some intention of acting on them?',
      AFTER_2,
    ),
    yesNo(
      'cssrs_5',
      '您是否已开始或已经想好如何自杀的细节？您打算执行这个计划吗？',
      'Have you started to work out or worked out the details of how to kill yourself? Do you intend to carry out this plan?',
      AFTER_2,
    ),
    yesNo(
      'cssrs_6',
      '您是否曾经做过、开始做或准备做任何结束自己生命的事？',
      'Have you ever done anything, started to do anything, or prepared to do anything to end your life?',
    ),
    yesNo('cssrs_6b', '这是在过去三个月内吗？', 'Was this within the past three months?', {
      item: 'cssrs_6',
      answers: ['yes'],
    }),
  ],
  scoring: { kind: 'cssrs_triage' },
};

export const ASSESSMENTS: Readonly<Record<AssessmentCode, AssessmentDefinition>> = {
  phq9: PHQ9,
  gad7: GAD7,
  cssrs_screener: CSSRS_SCREENER,
};
