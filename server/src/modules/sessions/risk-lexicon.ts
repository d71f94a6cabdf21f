import type { RiskFinding, RiskSignalDetector } from './risk-signal.ts';

interface Entry {
  kind: RiskFinding['kind'];
  severity: RiskFinding['severity'];
  /** Matched against the lower-cased text with whitespace collapsed. */
  pattern: RegExp;
}

/**
 * Phrases of suicidal ideation, self-harm and harm to others, in Chinese and English. A lexicon
 * is a coarse first screen: it misses what is said indirectly and fires on some quotations and
 * jokes; the crisis module adds better detectors, and a person always reviews a signal. A few
 * exclusions keep the commonest academic phrasings ("自杀率", "suicide prevention") quiet.
 */
const ZH: readonly Entry[] = [
  {
    kind: 'suicidal_ideation',
    severity: 'imminent',
    pattern: /今晚.{0,6}(自杀|去死|结束(自己的)?生命)/u,
  },
  {
    kind: 'suicidal_ideation',
    severity: 'imminent',
    pattern: /(遗书|跳楼|跳下去|吃(了)?一整瓶|烧炭)/u,
  },
  { kind: 'suicidal_ideation', severity: 'high', pattern: /(想|要|打算|准备)(去)?自杀/u },
  { kind: 'suicidal_ideation', severity: 'high', pattern: /(结束|了结)(自己的|我的)?生命/u },
  {
    kind: 'suicidal_ideation',
    severity: 'high',
    pattern: /(不想活|活不下去|想死|去死算了|活着没(有)?意思)/u,
  },
  { kind: 'suicidal_ideation', severity: 'moderate', pattern: /自杀(?![率学研防预干])/u },
  { kind: 'self_harm', severity: 'high', pattern: /(割腕|割自己|划伤自己|伤害自己|自残)/u },
  {
    kind: 'harm_to_others',
    severity: 'high',
    pattern: /(杀了(他|她|他们|她们)|想杀人|弄死(他|她))/u,
  },
];

const EN: readonly Entry[] = [
  {
    kind: 'suicidal_ideation',
    severity: 'imminent',
    pattern: /\b(tonight|right now)\b.{0,20}\b(kill myself|end (it|my life))\b/u,
  },
  {
    kind: 'suicidal_ideation',
    severity: 'imminent',
    pattern: /\b(suicide note|goodbye letter|took (all|a bottle of) (my|the) pills)\b/u,
  },
  {
    kind: 'suicidal_ideation',
    severity: 'high',
    pattern: /\b(kill myself|end my life|take my own life|want to die|better off dead)\b/u,
  },
  {
    kind: 'suicidal_ideation',
    severity: 'high',
    pattern: /\b(don'?t|do not) want to (live|be alive)( anymore)?\b/u,
  },
  {
    kind: 'suicidal_ideation',
    severity: 'moderate',
    pattern: /\bsuicid(e|al)\b(?! (rate|rates|prevention|research|statistics))/u,
  },
  {
    kind: 'self_harm',
    severity: 'high',
    pattern: /\b(cut(ting)? myself|hurt(ing)? myself|self[- ]harm(ing)?|burn(ing)? myself)\b/u,
  },
  {
    kind: 'harm_to_others',
    severity: 'high',
    pattern: /\b(kill (him|her|them)|hurt (him|her|them) badly|want to kill (someone|somebody))\b/u,
  },
];

/** Only the most serious finding of each kind: one signal per kind and message. */
function strongestPerKind(found: RiskFinding[]): RiskFinding[] {
  const order = ['low', 'moderate', 'high', 'imminent'];
  const best = new Map<string, RiskFinding>();
  for (const f of found) {
    const prev = best.get(f.kind);
    if (!prev || order.indexOf(f.severity) > order.indexOf(prev.severity)) best.set(f.kind, f);
  }
  return [...best.values()];
}

/**
 * Both lexicons run whatever the locale: people write English in a Chinese interface and the
 * reverse. The locale is for detectors that need it (models, spelling).
 */
export const lexiconDetector: RiskSignalDetector = {
  name: 'lexicon-v1',
  assess(text) {
    const normalised = text.toLowerCase().replace(/\s+/gu, ' ').replace(/[’`]/gu, "'");
    const compact = normalised.replace(/ /gu, '');
    const found: RiskFinding[] = [];
    for (const e of ZH)
      if (e.pattern.test(compact)) found.push({ kind: e.kind, severity: e.severity });
    for (const e of EN)
      if (e.pattern.test(normalised)) found.push({ kind: e.kind, severity: e.severity });
    return strongestPerKind(found);
  },
};
