import type { Language, SmallTalkKind } from '../schema';
import type { IntentMatch } from './intents';
import type { MatchExplanation, ScoreExplanation } from './matcher';

/** Everything `KnowledgeBase.explain` knows about one message. */
export interface UnderstandingExplanation {
  text: string;
  language: Language;
  /** Set when the whole message is a greeting, thanks, "menu", … (knowledge/smalltalk.yaml). */
  smallTalk?: SmallTalkKind;
  /** Set when a rule of knowledge/intents.yaml recognised the message. */
  intent?: IntentMatch;
  match: MatchExplanation;
}

const pct = (p: number): string => `${(p * 100).toFixed(1)}%`;
const signed = (x: number): string => `${x >= 0 ? '+' : ''}${x.toFixed(2)}`;

function scoreLine(s: ScoreExplanation): string {
  const carried = s.contributions.filter((c) => Math.abs(c.weight) >= 0.05).map((c) => `${c.term} ${signed(c.weight)}`);
  return `  ${pct(s.probability).padStart(6)}  ${s.label.padEnd(26)} ${carried.length > 0 ? carried.join(', ') : '(no term adds much)'}`;
}

/** The explanation as text for support staff (`npm run eval -- --explain "…"`). */
export function formatExplanation(x: UnderstandingExplanation): string {
  const m = x.match;
  const lines = [`Question: ${x.text}`, `Language: ${x.language}`];
  lines.push(`Terms:    ${m.analysis.terms.map((t) => `${t.id} ← ${t.words.join(' ')}${t.via === 'word' || t.via === 'concept' ? '' : ` (${t.via})`}`).join(', ') || '(none)'}`);
  if (m.analysis.unknown.length > 0) lines.push(`Unknown:  ${m.analysis.unknown.join(', ')} (words the knowledge base does not use; they count for no entry, a little towards out-of-scope)`);
  if (m.genericTerms.length > 0) lines.push(`Generic:  ${m.genericTerms.join(', ')} (used by many entries; alone they never decide)`);
  if (m.analysis.signature.length > 0) lines.push(`Sign-off: the signature is not read (language.yaml signOffs): ${m.analysis.signature.join(' ')}`);
  if (m.analysis.truncated) lines.push('Note:     the message is longer than the matcher reads; its beginning and end were used.');
  lines.push('Candidates (probability, then what each term adds to the entry):');
  for (const c of m.candidates) lines.push(scoreLine(c));
  lines.push(scoreLine(m.outOfScopeScore));
  if (m.neighbourGroup) {
    lines.push(`Neighbour group "${m.neighbourGroup.group}" (matching.yaml): the two best entries are neighbours; the group's own model shares out its probability:`);
    for (const c of m.neighbourGroup.candidates) lines.push(scoreLine(c));
  }
  if (x.smallTalk) lines.push(`Decision: small talk "${x.smallTalk}" (the whole message is one of its phrases)`);
  else if (x.intent) lines.push(`Decision: ${x.intent.intent} (rule ${x.intent.rule} in intents.yaml)`);
  else lines.push(`Decision: ${m.rule}`);
  return lines.join('\n');
}
