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

/**
 * Runs the detectors on one message and stores a row per finding in the caller's transaction, so
 * a signal commits with its message. The row holds where and how serious, never the words: the
 * words stay sealed in the message.
 */
export async function screenMessage(
  tx: Db,
  input: ScreenInput,
  detectors: readonly RiskSignalDetector[] = DEFAULT_DETECTORS,
): Promise<RiskFinding[]> {
  const rows: (typeof riskSignals.$inferInsert)[] = [];
  const findings: RiskFinding[] = [];
  for (const detector of detectors) {
    for (const f of detector.assess(input.text, input.locale)) {
      findings.push(f);
      rows.push({
        organizationId: input.organizationId,
        subjectUserId: input.subjectUserId,
        source: 'chat',
        sourceId: input.roomId,
        sourceSeq: input.seq,
        kind: f.kind,
        severity: f.severity,
        detector: detector.name,
      });
    }
  }
  if (rows.length) await tx.insert(riskSignals).values(rows);
  return findings;
}
