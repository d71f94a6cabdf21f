import type { PolicyDocumentKind } from '@anxin/common';

/**
 * The texts every organisation starts with (version 1, published at creation). Administrators
 * publish their own versions; these stay readable as version 1. The informed consent states the
 * exceptions to confidentiality (C7), how information is handled, how long it is kept and how
 * consent is withdrawn, as the issue requires.
 */
export interface DefaultDocument {
  kind: PolicyDocumentKind;
  titleZh: string;
  titleEn: string;
  bodyZh: string;
  bodyEn: string;
}

const INFORMED_CONSENT: DefaultDocument = {
  kind: 'informed_consent',
  titleZh: '心理咨询知情同意书',
  titleEn: 'Informed consent to counseling',
  bodyZh: `一、服务内容
本机构提供的心理咨询由具备资质的咨询师在督导下进行。咨询不是医疗诊断或药物治疗；如需医疗服务，咨询师会建议您转介。

二、保密原则
您在咨询中谈到的内容以及咨询记录均予以保密，只有您的咨询师和（在督导时）其督导师可以阅读。未经您的书面同意，我们不会向任何第三方透露。

三、保密的例外
在以下情况下，我们可能在必要的最小范围内突破保密，并尽可能事先告知您：
1. 您有伤害自己的明显危险（例如自杀风险）；
2. 您有伤害他人的明显危险；
3. 得知未成年人正在或可能遭受虐待、性侵害或严重忽视；
4. 法律法规要求（例如司法机关依法调取）。
每一次披露都会记录披露的内容、对象、依据和批准人，您可以查询。

三之一、未成年人
不满十四周岁的来访者须由其监护人签署本同意书；十四至十七周岁的来访者按本机构规定由本人和/或监护人签署。监护人可以查看预约信息，但不能查看咨询内容，上述保密例外的情形除外。

四、信息的处理
咨询记录、评估结果等敏感个人信息以加密方式保存，仅在提供服务所必需的范围内处理；所有查看和修改都会留下审计记录。

五、保存期限
咨询记录在最后一次服务后按法律法规和行业伦理规定的期限保存（默认不少于三年），期满后删除或匿名化；依法需要保留的除外。

六、撤回同意
您可以随时在“我的隐私”页面撤回同意。撤回后，我们立即停止相应的新处理，您未来的预约会被免费取消，并为您启动删除流程；撤回不影响撤回前基于同意已进行的处理。

七、录音与统计（可选）
咨询录音和匿名统计需要您另行勾选同意，不同意不影响您接受服务。`,
  bodyEn: `1. The service
Counseling here is given by qualified counselors under supervision. It is not a medical diagnosis or drug treatment; where you need medical care, your counselor will suggest a referral.

2. Confidentiality
What you say in counseling and the records of it are confidential: only your counselor and, in supervision, their supervisor read them. We disclose nothing to anyone else without your written consent.

3. Exceptions to confidentiality
In the following cases we may break confidentiality, to the least extent necessary, telling you beforehand wherever possible:
1. you are in clear danger of harming yourself (for example a risk of suicide);
2. you are in clear danger of harming others;
3. we learn that a minor is being, or may be, abused, sexually assaulted or seriously neglected;
4. the law requires it (for example a lawful order of a judicial authority).
Every disclosure is recorded with what was disclosed, to whom, on which basis and who approved it, and you may ask to see it.

3a. Minors
A client under 14 needs their guardian to sign this consent; for clients aged 14 to 17 the client and/or the guardian sign, as the organisation sets. Guardians may see appointments but not what is said in sessions, except in the cases above.

4. How information is handled
Counseling records, assessment results and other sensitive personal information are stored encrypted and processed only as far as the service needs; every reading and change is recorded in an audit trail.

5. Retention
Counseling records are kept after the last session for the period that laws and professional ethics require (by default at least three years), then deleted or anonymised, except where the law requires keeping them longer.

6. Withdrawing consent
You may withdraw your consent at any time on the "My privacy" page. We then stop new processing in that scope at once, cancel your future appointments without charge and start deleting your data; processing done on your consent before the withdrawal stays lawful.

7. Recording and statistics (optional)
Recording sessions and anonymous statistics each need their own tick; refusing them does not affect your counseling.`,
};

const PRIVACY_NOTICE: DefaultDocument = {
  kind: 'privacy_notice',
  titleZh: '个人信息保护告知书',
  titleEn: 'Privacy notice',
  bodyZh: `一、处理者
本机构是您个人信息的处理者，个人信息保护负责人可通过平台联系。

二、我们处理的信息
账号信息（姓名、联系方式、出生日期）、预约与付款信息，以及咨询记录、评估结果等敏感个人信息（心理健康信息）。

三、处理敏感个人信息的必要性与影响
处理心理健康信息是提供咨询服务所必需的。该信息一旦泄露可能对您造成损害，因此我们对其单独征得您的同意，加密保存，严格限定可阅读的人员，并记录每一次访问。

四、保存期限与删除
信息保存至服务目的实现所需的期限及法律法规要求的期限，期满删除或匿名化。

五、您的权利
您可以查阅、复制、更正、删除您的个人信息，撤回同意，查询谁访问过您的记录；请在“我的隐私”页面提出，我们将在规定期限内答复。

六、撤回同意
撤回对敏感个人信息处理的同意后，我们立即停止新的处理，免费取消您未来的预约，并启动删除流程。`,
  bodyEn: `1. Who processes your information
This organisation processes your personal information; its personal-information protection officer can be reached through the platform.

2. What we process
Account details (name, contact details, date of birth), appointments and payments, and sensitive personal information such as counseling records and assessment results (mental-health information).

3. Why sensitive information is needed, and what it means for you
Processing mental-health information is necessary for counseling. Its disclosure could harm you, so we ask for your separate consent to it, store it encrypted, strictly limit who may read it and record every access.

4. Retention and deletion
Information is kept as long as the purpose and the law require, then deleted or anonymised.

5. Your rights
You may see, copy, correct and delete your personal information, withdraw consent and see who accessed your records: ask on the "My privacy" page and we answer within the time set by law.

6. Withdrawing consent
When you withdraw consent to processing of sensitive information we stop new processing at once, cancel your future appointments without charge and start deleting your data.`,
};

const PLATFORM_RULES: DefaultDocument = {
  kind: 'platform_rules',
  titleZh: '平台使用规则',
  titleEn: 'Platform rules',
  bodyZh: `一、请使用真实信息注册，并妥善保管账号和两步验证设备。
二、预约请按时参加；在取消期限之后取消或无故缺席将按规定计为爽约。
三、请尊重咨询师和其他用户，不得发布违法、骚扰或侵犯他人隐私的内容。
四、本平台不是紧急服务。如遇紧急危险，请立即拨打 110、120 或当地心理援助热线。`,
  bodyEn: `1. Register with true details and keep your account and second-factor device safe.
2. Attend appointments on time; cancelling after the cancellation deadline or not showing up counts as a no-show under the rules.
3. Respect counselors and other users; post nothing unlawful, harassing or that invades anyone's privacy.
4. This platform is not an emergency service. In immediate danger call 110, 120 or your local crisis hotline.`,
};

export const DEFAULT_DOCUMENTS: readonly DefaultDocument[] = [
  INFORMED_CONSENT,
  PRIVACY_NOTICE,
  PLATFORM_RULES,
];
