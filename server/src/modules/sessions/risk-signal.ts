import type { Db } from '../../platform/db/database.ts';
import { riskSignals } from '../../platform/db/schema/index.ts';
import { lexiconDetector } from './risk-lexicon.ts';

export type RiskLocale = 'zh-CN' | 'en';

export interface RiskFinding {
  /** `suicidal_ideation`, `self_harm`, `harm_to_others`; detectors may add their own. */
  kind: string;
  severity: 'low' | 'moderate' | 'high' | 'imminent';
}

/**
 * The risk-signal interface (issue 7.7): every chat message passes through the detectors. A
 * detector is pure (text in, findings out) so it can be tested alone and swapped; the crisis
 * module adds its own and acts on the stored signals.
 */
export interface RiskSignalDetector {
  name: string;
  assess(text: string, locale: RiskLocale): RiskFinding[];
}

export const DEFAULT_DETECTORS: readonly RiskSignalDetector[] = [lexiconDetector];

export interface ScreenInput {
  organizationId: string;
  /** Whom the signal concerns: the person who wrote the text. */
  subjectUserId: string;
  roomId: string;
  seq: number;
  text: string;
  locale: RiskLocale;
}

/** Where a signal comes from: a chat message, a questionnaire response, a hotline contact. */
export interface RiskSource {
  organizationId: string;
  /** Whom the signal concerns. */
  subjectUserId: string;
  source: 'chat' | 'assessment' | 'hotline';
  sourceId: string;
  sourceSeq?: number | null;
}

/**
 * The one way a risk signal is raised, whatever found it: a row per finding in the caller's
 * transaction, so a signal commits with what raised it (the message, the answers). The row holds
 * where and how serious, never the words or answers: those stay sealed where they are.
 */
export async function raiseRiskSignals(
  tx: Db,
  from: RiskSource,
  findings: readonly (RiskFinding & { detector: string })[],
): Promise<void> {
  if (findings.length === 0) return;
  await tx.insert(riskSignals).values(
    findings.map((f) => ({
      organizationId: from.organizationId,
      subjectUserId: from.subjectUserId,
      source: from.source,
      sourceId: from.sourceId,
      sourceSeq: from.sourceSeq ?? null,
      kind: f.kind,
      severity: f.severity,
      detector: f.detector,
    })),
  );
}

/** Runs the detectors on one message and raises what they find, with the message. */
export async function screenMessage(
  tx: Db,
  input: ScreenInput,
  detectors: readonly RiskSignalDetector[] = DEFAULT_DETECTORS,
): Promise<RiskFinding[]> {
  const findings = detectors.flatMap((d) =>
    d.assess(input.text, input.locale).map((f) => ({ ...f, detector: d.name })),
  );
  await raiseRiskSignals(
    tx,
    {
      organizationId: input.organizationId,
      subjectUserId: input.subjectUserId,
      source: 'chat',
      sourceId: input.roomId,
      sourceSeq: input.seq,
    },
    findings,
  );
  return findings.map(({ kind, severity }) => ({ kind, severity }));
}
