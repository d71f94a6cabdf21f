import type { Db } from '../../platform/db/database.ts';
import {
  recordTemplates,
  type RECORD_TYPES,
  type TemplateField,
} from '../../platform/db/schema/index.ts';

type L = TemplateField['label'];
const long = (key: string, label: L, required = true): TemplateField => ({
  key,
  label,
  kind: 'longtext',
  required,
});
const choice = (
  key: string,
  label: L,
  options: [string, string, string][],
  required = true,
): TemplateField => ({
  key,
  label,
  kind: 'choice',
  required,
  options: options.map(([code, zh, en]) => ({ code, label: { 'zh-CN': zh, en } })),
});

const RISK: [string, string, string][] = [
  ['none', '未见风险', 'None identified'],
  ['low', '低', 'Low'],
  ['moderate', '中', 'Moderate'],
  ['high', '高', 'High'],
];

interface DefaultTemplate {
  recordType: (typeof RECORD_TYPES)[number];
  code: string;
  titleZh: string;
  titleEn: string;
  fields: TemplateField[];
}

/**
 * The standard formats (C3) every organisation starts with. Session notes come as SOAP and DAP;
 * the organisation's records setting picks which one new notes use. Administrators add versions
 * of their own; a record keeps the version it was written on.
 */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    recordType: 'intake',
    code: 'intake',
    titleZh: '初始评估',
    titleEn: 'Intake assessment',
    fields: [
      long('presenting_problem', { 'zh-CN': '主诉问题', en: 'Presenting problem' }),
      long('history', { 'zh-CN': '个人史与相关经历', en: 'History' }),
      choice('risk_level', { 'zh-CN': '风险筛查', en: 'Risk screen' }, RISK),
      long('risk_notes', { 'zh-CN': '风险说明', en: 'Risk notes' }, false),
      long('goals', { 'zh-CN': '咨询目标', en: 'Goals' }),
      long('plan', { 'zh-CN': '初步计划', en: 'Initial plan' }, false),
    ],
  },
  {
    recordType: 'session_note',
    code: 'soap',
    titleZh: '咨询记录（SOAP）',
    titleEn: 'Session note (SOAP)',
    fields: [
      long('subjective', { 'zh-CN': '主观资料（S）', en: 'Subjective' }),
      long('objective', { 'zh-CN': '客观资料（O）', en: 'Objective' }),
      long('assessment', { 'zh-CN': '评估（A）', en: 'Assessment' }),
      long('plan', { 'zh-CN': '计划（P）', en: 'Plan' }),
    ],
  },
  {
    recordType: 'session_note',
    code: 'dap',
    titleZh: '咨询记录（DAP）',
    titleEn: 'Session note (DAP)',
    fields: [
      long('data', { 'zh-CN': '资料（D）', en: 'Data' }),
      long('assessment', { 'zh-CN': '评估（A）', en: 'Assessment' }),
      long('plan', { 'zh-CN': '计划（P）', en: 'Plan' }),
    ],
  },
  {
    recordType: 'call_record',
    code: 'call_record',
    titleZh: '热线来电记录',
    titleEn: 'Hotline call record',
    fields: [
      long('summary', { 'zh-CN': '来电概要', en: 'Summary of the call' }),
      choice('concern', { 'zh-CN': '问题类别', en: 'Concern' }, [
        ['emotion', '情绪', 'Emotional'],
        ['relationship', '人际与婚恋', 'Relationships'],
        ['family', '家庭', 'Family'],
        ['study_work', '学业与工作', 'Study or work'],
        ['crisis', '危机', 'Crisis'],
        ['other', '其他', 'Other'],
      ]),
      choice('risk_level', { 'zh-CN': '风险评估', en: 'Risk' }, RISK),
      long('intervention', { 'zh-CN': '干预与处理', en: 'Intervention' }),
      choice('outcome', { 'zh-CN': '结果', en: 'Outcome' }, [
        ['resolved', '已处理', 'Resolved'],
        ['referred', '已转介', 'Referred'],
        ['transferred', '已转接咨询师', 'Transferred to a counselor'],
        ['callback', '约定回访', 'Call back arranged'],
        ['other', '其他', 'Other'],
      ]),
      long('follow_up', { 'zh-CN': '后续跟进', en: 'Follow-up' }, false),
    ],
  },
  {
    recordType: 'termination_summary',
    code: 'termination_summary',
    titleZh: '结案小结',
    titleEn: 'Termination summary',
    fields: [
      choice('reason', { 'zh-CN': '结案原因', en: 'Reason' }, [
        ['goals_met', '目标达成', 'Goals met'],
        ['client_request', '来访者要求', 'Client’s request'],
        ['referral', '转介', 'Referral'],
        ['no_show_policy', '多次缺席', 'No-show policy'],
        ['other', '其他', 'Other'],
      ]),
      long('course', { 'zh-CN': '咨询过程', en: 'Course of counseling' }),
      long('outcome', { 'zh-CN': '结果与目标达成情况', en: 'Outcome against the goals' }),
      long('recommendations', { 'zh-CN': '建议', en: 'Recommendations' }, false),
    ],
  },
  {
    recordType: 'referral_letter',
    code: 'referral_letter',
    titleZh: '转介信',
    titleEn: 'Referral letter',
    fields: [
      { key: 'recipient', label: { 'zh-CN': '接收机构', en: 'To' }, kind: 'text', required: true },
      long('reason', { 'zh-CN': '转介原因', en: 'Reason for referral' }),
      long('summary', { 'zh-CN': '相关情况摘要', en: 'Relevant summary' }),
      choice('risk_level', { 'zh-CN': '当前风险', en: 'Current risk' }, RISK),
      choice('basis', { 'zh-CN': '转介依据', en: 'Basis' }, [
        ['consent', '来访者同意', 'Client’s consent'],
        ['exception', '保密例外', 'Confidentiality exception'],
      ]),
    ],
  },
];

/** Version 1 of every default template (idempotent: never overwrites an edited one). */
export async function seedRecordTemplates(db: Db, organizationId: string): Promise<void> {
  await db
    .insert(recordTemplates)
    .values(DEFAULT_TEMPLATES.map((t) => ({ organizationId, version: 1, ...t })))
    .onConflictDoNothing();
}
