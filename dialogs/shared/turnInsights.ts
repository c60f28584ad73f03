import type { TurnContext } from 'botbuilder';
import type { Language } from '../../knowledge/schema';

/** What a turn found out, for the one structured log line per turn. No personal data. */
export interface TurnInsights {
  language?: Language;
  outcome?: string;
  entry?: string;
  score?: number;
  /** The matcher's best candidate, whatever it decided, and how far it led the runner-up. */
  candidate?: string;
  margin?: number;
}

const key = Symbol('turnInsights');

export function turnInsights(context: TurnContext): TurnInsights {
  let insights = context.turnState.get(key) as TurnInsights | undefined;
  if (!insights) {
    insights = {};
    context.turnState.set(key, insights);
  }
  return insights;
}
