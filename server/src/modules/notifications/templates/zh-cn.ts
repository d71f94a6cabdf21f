import type { Catalogue, LocaleWords } from '../notification.templates.ts';

const ROLE_NAMES = {
  client: '来访者',
  guardian: '监护人',
  counselor: '咨询师',
  operator: '接线员',
  supervisor: '督导',
  administrator: '平台管理人员',
  evaluator: '外部评估专家',
} as const;

const STATUS_NAMES = {
  applicant: '草稿',
  submitted: '已提交',
  under_review: '审核中',
  more_info_requested: '需要补充材料',
  approved: '已通过',
  rejected: '未通过',
  suspended: '已暂停',
  removed: '已移除',
} as const;

const CAUSES = {
  qualification_expired: '没有仍在有效期内且已核验的资质证书',
  recheck_overdue: '资质定期复核已逾期',
  sanction: '机构作出的处理决定',
} as const;

export const zhCNWords: LocaleWords = {
  minutes: (n) => `${n} 分钟`,
  hours: (n) => `${n} 小时`,
  role: (role) => ROLE_NAMES[role],
  list: (items) => items.join('、'),
  emailFooter: '——\n安心（本邮件由系统自动发送，请勿直接回复）',
  days: (n) => `${n} 天`,
  counselorStatus: (status) => STATUS_NAMES[status],
  suspensionCause: (cause) => CAUSES[cause],
  dateTime: (iso, timeZone) =>
    `${new Intl.DateTimeFormat('zh-CN', { timeZone, dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso))}（${timeZone}）`,
};

const w = zhCNWords;

/** zh-CN, the first language. SMS bodies carry the 【安心】 signature that carriers in China require. */
export const zhCN: Catalogue = {
  verification_code: {
    subject: () => '你的安心验证码',
    text: ({ code, minutes }) =>
      `你好：\n\n你的验证码是：${code}\n\n` +
      `验证码 ${w.minutes(minutes)}内有效，仅限本人使用。请勿把验证码告诉任何人，安心的工作人员不会向你索取验证码。\n\n` +
      '如果这不是你本人的操作，请忽略这条消息。',
    sms: ({ code, minutes }) =>
      `【安心】你的验证码是 ${code}，${w.minutes(minutes)}内有效。请勿告诉他人。如非本人操作，请忽略。`,
  },
  password_reset: {
    subject: () => '重置你的安心密码',
    text: ({ link, minutes }) =>
      '你好：\n\n我们收到了重置你账户密码的请求。' +
      `请在 ${w.minutes(minutes)}内打开下面的链接设置新密码：\n\n${link}\n\n` +
      '链接只能使用一次。如果你没有申请重置密码，请忽略这条消息，你的密码不会改变。',
    sms: ({ link, minutes }) =>
      `【安心】请在 ${w.minutes(minutes)}内打开链接重置密码：${link} 如非本人操作，请忽略。`,
  },
  invitation: {
    subject: ({ organizationName }) => `${organizationName}邀请你加入安心`,
    text: ({ link, organizationName, roles, hours }) =>
      `你好：\n\n${organizationName}邀请你以「${w.list(roles.map(w.role))}」身份加入安心。` +
      `请在 ${w.hours(hours)}内打开下面的链接接受邀请并设置账户：\n\n${link}\n\n` +
      '如果你不了解这家机构，或不需要这个账户，请忽略这条消息。',
    sms: ({ link, organizationName, hours }) =>
      `【安心】${organizationName}邀请你加入安心，请在 ${w.hours(hours)}内打开：${link}`,
  },
  account_exists: {
    subject: () => '有人尝试用你的地址注册安心',
    text: ({ signInLink, resetLink }) =>
      '你好：\n\n刚刚有人尝试用这个地址注册安心账户，但这个地址已经有账户了，因此没有创建新账户。\n\n' +
      `如果是你本人，请直接登录：\n${signInLink}\n\n忘记密码可以在这里重置：\n${resetLink}\n\n` +
      '如果不是你本人，请忽略这条消息，你的账户不受影响。',
    sms: () =>
      '【安心】有人尝试用本号码注册安心，但本号码已有账户。如是本人，请直接登录或重置密码；如非本人，请忽略。',
  },
  break_glass_opened: {
    subject: () => '安心：有人开启了紧急访问',
    text: ({ actorName, resourceType, minutes }) =>
      `你好：\n\n${actorName} 刚刚开启了紧急访问，可以查看一条「${resourceType}」记录，时长 ${w.minutes(minutes)}。\n\n` +
      '这次访问已记入审计日志。出于保密要求，本通知不包含来访者信息和开启理由。' +
      '请登录安心，在审计记录中查看详情并进行复核。',
    sms: ({ actorName, resourceType, minutes }) =>
      `【安心】${actorName} 开启了 ${w.minutes(minutes)}的紧急访问（${resourceType}）。请登录安心查看审计记录并复核。`,
  },
  sign_in_locked: {
    subject: () => '你的安心账户已暂时停止登录',
    text: ({ minutes }) =>
      `你好：\n\n由于多次登录失败，为保护你的账户，登录已暂停 ${w.minutes(minutes)}，之后可以再次尝试。\n\n` +
      '如果这些尝试不是你本人所为，建议恢复登录后立即修改密码，并开启两步验证。',
    sms: ({ minutes }) =>
      `【安心】由于多次登录失败，你的账户已暂停登录 ${w.minutes(minutes)}。如非本人操作，请在恢复后修改密码。`,
  },
  counselor_review_decision: {
    subject: () => '安心：你的咨询师资料有新进展',
    text: ({ status }) =>
      `你好：\n\n你的咨询师申请状态已更新为：「${w.counselorStatus(status)}」。\n\n` +
      '出于保密要求，本通知不包含具体说明和理由。请登录安心，在你的咨询师资料页查看。',
    sms: ({ status }) =>
      `【安心】你的咨询师申请状态已更新为「${w.counselorStatus(status)}」，请登录查看详情。`,
  },
  counselor_suspended: {
    subject: () => '安心：你的咨询师资格已暂停',
    text: ({ cause }) =>
      `你好：\n\n由于${w.suspensionCause(cause)}，你的咨询师资格已暂停，来访者暂时无法查找或预约你。\n\n` +
      '请登录安心，在你的咨询师资料页查看需要完成的事项（例如上传更新后的证书并重新提交审核）。',
    sms: () => '【安心】你的咨询师资格已暂停，请登录查看恢复所需的事项。',
  },
  counselor_suspended_admin: {
    subject: () => '安心：有咨询师被暂停',
    text: ({ counselorName, cause }) =>
      `你好：\n\n由于${w.suspensionCause(cause)}，咨询师 ${counselorName} 已被暂停，不再展示，也不能被预约。` +
      '请查看其资料，并处理需要更换咨询师的预约。',
    sms: ({ counselorName }) => `【安心】咨询师 ${counselorName} 已被暂停，请登录查看。`,
  },
  credential_reminder: {
    subject: ({ kind }) =>
      kind === 'recheck' ? '安心：你的资质定期复核即将到期' : '安心：你的一份证书即将过期',
    text: ({ kind, dueOn, days }) =>
      `你好：\n\n${kind === 'recheck' ? '你的资质定期复核' : '你的一份已核验证书'}将于 ${dueOn} 到期，还有 ${w.days(days)}。\n\n` +
      (kind === 'recheck'
        ? '请确认你的资料和证书都是最新的，以便机构按时完成复核。'
        : '请及时在咨询师资料页上传更新后的证书，以免资格被暂停。'),
    sms: ({ kind, dueOn }) =>
      `【安心】${kind === 'recheck' ? '你的资质复核' : '你的一份证书'}将于 ${dueOn} 到期，请登录处理，以免资格被暂停。`,
  },
  counselor_standing_notice: {
    subject: () => '安心：关于你咨询师执业状态的决定',
    text: ({ kind }) =>
      `你好：\n\n机构已在你的咨询师资料中记录了一项${kind === 'warning' ? '警告' : kind === 'suspension' ? '暂停' : '移除'}决定。\n\n` +
      '请登录安心，在你的咨询师资料页查看决定及理由。',
    sms: () => '【安心】机构记录了一项关于你执业状态的决定，请登录查看。',
  },
  appointment_confirmed: {
    subject: () => '安心：你的预约已确认',
    text: ({ counselorName, startsAt, deadline, timeZone }) =>
      `你好：\n\n你与咨询师 ${counselorName} 的预约已确认，时间为 ${w.dateTime(startsAt, timeZone)}。\n\n` +
      `在 ${w.dateTime(deadline, timeZone)} 之前可以免费取消；此后取消或未到场，将按取消规定记为失约。\n\n` +
      '日历邀请见附件。请登录安心查看或调整预约。',
    sms: ({ counselorName, startsAt, deadline, timeZone }) =>
      `【安心】预约已确认：${counselorName}，${w.dateTime(startsAt, timeZone)}。${w.dateTime(deadline, timeZone)} 前可免费取消。`,
  },
  appointment_cancelled: {
    subject: () => '安心：有一个预约已取消',
    text: ({ counselorName, startsAt, timeZone, by }) =>
      `你好：\n\n与咨询师 ${counselorName} 在 ${w.dateTime(startsAt, timeZone)} 的预约已${by === 'client' ? '应来访者要求' : '由机构'}取消。\n\n` +
      '请登录安心查看详情和退款情况，或重新预约。',
    sms: ({ counselorName, startsAt, timeZone }) =>
      `【安心】预约已取消：${counselorName}，${w.dateTime(startsAt, timeZone)}。请登录查看详情。`,
  },
  appointment_reminder: {
    subject: ({ hoursBefore }) =>
      hoursBefore === 1 ? '安心：你的预约一小时后开始' : '安心：你明天有一个预约',
    text: ({ counselorName, startsAt, deadline, timeZone }) =>
      `你好：\n\n提醒你：你与咨询师 ${counselorName} 的预约时间为 ${w.dateTime(startsAt, timeZone)}。\n\n` +
      `免费取消的截止时间是 ${w.dateTime(deadline, timeZone)}；此后取消或未到场，将按取消规定记为失约。\n\n` +
      '请提前几分钟登录安心进入会谈。',
    sms: ({ counselorName, startsAt, timeZone }) =>
      `【安心】提醒：${counselorName}，${w.dateTime(startsAt, timeZone)}。逾期取消记为失约。`,
  },
  appointment_pending_approval: {
    subject: () => '安心：你的预约等待审核',
    text: ({ counselorName, startsAt, timeZone }) =>
      `你好：\n\n你与咨询师 ${counselorName} 在 ${w.dateTime(startsAt, timeZone)} 的预约已为你保留，` +
      '由于近期有失约记录，需要机构审核后才能确认。\n\n' +
      '审核结果会第一时间通知你。请登录安心查看预约状态。',
    sms: ({ counselorName, startsAt, timeZone }) =>
      `【安心】你与 ${counselorName} 在 ${w.dateTime(startsAt, timeZone)} 的预约正在等待审核。`,
  },
  breach_notice: {
    subject: () => '安心：涉及你个人信息的安全事件告知',
    text: ({ nature, categories, remediation, contact, discoveredAt, timeZone }) =>
      `你好：\n\n我们于 ${w.dateTime(discoveredAt, timeZone)} 发现了一起涉及你个人信息的安全事件。\n\n` +
      `事件经过：${nature}\n\n` +
      `涉及你的信息种类：${w.list(categories.map(breachCategoryZh))}。\n\n` +
      `我们已采取的措施：${remediation}\n\n` +
      '你可以采取的措施：警惕提及你的咨询并索要验证码、密码或钱款的短信和电话；如在其他网站使用了与安心相同的密码，请及时修改；' +
      '你可以向我们询问我们持有你的哪些信息以及正在如何保护。\n\n' +
      `联系方式：${contact}`,
    sms: ({ contact }) =>
      `【安心】一起安全事件涉及你的个人信息。请登录查看告知，或联系 ${contact}。`,
  },
  breach_overdue: {
    subject: ({ deadline }) =>
      deadline === 'report'
        ? '安心：安全事件向监管部门报告已逾期'
        : '安心：安全事件尚有受影响人员未告知',
    text: ({ title, deadline, dueAt, timeZone }) =>
      `你好：\n\n安全事件「${title}」应于 ${w.dateTime(dueAt, timeZone)} 前${deadline === 'report' ? '向监管部门报告' : '告知全部受影响人员'}，现已逾期。\n\n` +
      '请登录安心，在安全事件登记中处理。',
    sms: ({ title }) => `【安心】安全事件期限已过：${title}。请登录处理。`,
  },
  conduct_reported: {
    subject: () => '安心：有一条咨询行为举报待处理',
    text: ({ reporterRole }) =>
      `你好：\n\n一次在线咨询的${reporterRole === 'client' ? '来访者' : '咨询师'}举报了一条消息或一种行为。\n\n` +
      '请登录安心，在行为举报中查看处理。',
    sms: () => '【安心】有一条咨询行为举报待处理，请登录查看。',
  },
};

const BREACH_CATEGORIES_ZH: Record<string, string> = {
  identity: '身份信息',
  contact: '联系方式',
  appointments: '预约信息',
  clinical_records: '咨询记录',
  payments: '支付信息',
  credentials: '登录凭据',
  other: '其他信息',
};
const breachCategoryZh = (c: string) => BREACH_CATEGORIES_ZH[c] ?? c;
