import { loadConfig } from '../bot/config';
import { KnowledgeBase } from '../knowledge/knowledgeBase';
import { redact } from '../knowledge/redact';
import type { Language } from '../knowledge/schema';
import { errorMessageOf } from '../lib/errors';
import { openStore } from '../store/openStore';
import type { AnswerFeedbackInput, QuestionEventInput } from '../store/types';
import { HANDOFF, OUT_OF_SCOPE, loadPart } from '../test/eval/corpus';

/**
 * `npm run report:demo-data [-- --days 14] [--append]`: writes realistic sample question events and
 * answer feedback (Danish and English, Web Chat and Teams) into the database (DATABASE_URL), so the
 * support report (`npm run report`) has something to show on a demo database. Every question goes
 * through the real matcher and the real redaction, exactly as the bot records it. The same date gives the same data.
 * Refuses a database that already has question events in the period, unless --append.
 */

/** Questions merchants ask that the FAQ does not cover (yet): the report's "top unanswered". */
const unanswered: Record<Language, { weight: number; variants: string[] }[]> = {
  da: [
    { weight: 9, variants: ['kan jeg få MobilePay i betalingsvinduet', 'mobilepay integration', 'hvordan tilføjer jeg mobilepay', 'understøtter I mobile pay?', 'mobilpay i min webshop'] },
    { weight: 6, variants: ['hvor finder jeg jeres faktura', 'faktura for sidste måned', 'jeg har ikke modtaget fakturaen, kunde-id 100002', 'kan jeg få fakturaen på mail til bogholderi@hyggehome.dk'] },
    { weight: 5, variants: ['har I et modul til shopify', 'shopify plugin', 'virker DIBS med shopify?'] },
    { weight: 4, variants: ['hvordan opsiger jeg min aftale', 'opsigelse af abonnement', 'jeg vil gerne opsige DIBS'] },
    { weight: 3, variants: ['hvad koster det at tage imod Apple Pay', 'apple pay gebyr'] },
    { weight: 3, variants: ['testbetaling med kort 4571 1234 5678 9010 fejler', 'testkort virker ikke i testmiljøet'] },
    { weight: 2, variants: ['hvordan bliver vejret i morgen', 'hvem vinder superligaen'] },
  ],
  en: [
    { weight: 5, variants: ['can I offer MobilePay at checkout', 'mobilepay support?', 'how do I add mobile pay'] },
    { weight: 4, variants: ['where can I download my invoice', 'invoice for last month', 'send the invoice to accounts@nordicbikes.dk please'] },
    { weight: 3, variants: ['is there a shopify plugin', 'does DIBS work with shopify'] },
    { weight: 2, variants: ['how do I cancel my subscription', 'terminate my contract'] },
    { weight: 1, variants: ['tell me a joke'] },
  ],
};

/** Entries whose answers get more 👎 than most: what the report should surface. */
const disliked: Record<string, number> = { 'payout-timing': 0.55, 'refund-timing': 0.45, 'acquirer-change': 0.4, 'fraud-control': 0.35 };

/** mulberry32: a small deterministic pseudo-random generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function parseArgs(argv: string[]): { days: number; append: boolean } {
  const args = { days: 14, append: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--days' && /^\d+$/.test(argv[i + 1] ?? '')) args.days = Number(argv[++i]);
    else if (argv[i] === '--append') args.append = true;
    else throw new Error(`unknown option "${argv[i]}"\nusage: npm run report:demo-data -- [--days N (default 14)] [--append]`);
  }
  return args;
}

async function main(): Promise<void> {
  const { days, append } = parseArgs(process.argv.slice(2));
  const config = loadConfig();
  const kb = KnowledgeBase.load(config.knowledgeDir);
  const store = await openStore(config.databaseUrl);
  try {
    const now = new Date();
    const since = new Date(now.getTime() - (days + 1) * 86_400_000);
    const existing = await store.listQuestionEvents({ since });
    if (existing.length > 0 && !append) {
      throw new Error(`the database already has ${existing.length} question events in the last ${days} days; pass --append to add the demo events anyway`);
    }
    const rnd = random(20261127);
    const pick = <T>(items: T[]): T => {
      const item = items[Math.floor(rnd() * items.length)];
      if (item === undefined) throw new Error('nothing to pick from');
      return item;
    };
    const weighted = <T extends { weight: number }>(items: T[]): T => {
      let r = rnd() * items.reduce((s, i) => s + i.weight, 0);
      for (const item of items) if ((r -= item.weight) < 0) return item;
      const last = items.at(-1);
      if (last === undefined) throw new Error('nothing to pick from');
      return last;
    };
    const answerable = [...loadPart('examples'), ...loadPart('tuning')].filter((c) => c.expect !== OUT_OF_SCOPE && c.expect !== HANDOFF);
    const questions: QuestionEventInput[] = [];
    const feedback: AnswerFeedbackInput[] = [];
    let conversationNo = 0;

    // Whole days: the `days` days before today.
    for (let d = days; d >= 1; d--) {
      const dayStart = new Date(now.getTime() - d * 86_400_000);
      dayStart.setUTCHours(6, 0, 0, 0);
      const weekday = dayStart.getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      const conversations = Math.round((weekend ? 18 : 70) + rnd() * (weekend ? 10 : 30));
      for (let c = 0; c < conversations; c++) {
        const createdAt = new Date(dayStart.getTime() + rnd() * 11 * 3_600_000);
        const channel = rnd() < 0.72 ? 'webchat' : 'msteams';
        const language: Language = rnd() < 0.7 ? 'da' : 'en';
        const conversationId = `demo-${++conversationNo}`;
        const base = { language, channel, conversationId };
        let fallbacks = 0;
        const turns = 1 + Math.floor(rnd() * 3);
        for (let t = 0; t < turns; t++) {
          const at = new Date(createdAt.getTime() + t * 60_000);
          if (rnd() < 0.03) {
            questions.push({ ...base, outcome: 'handoff', createdAt: at });
            break;
          }
          // Web Chat answers more over the period (its FAQ wording was improved); Teams stays steady.
          const improved = channel === 'webchat' ? d / days : 0.6;
          const text = rnd() < 0.18 + 0.12 * improved
            ? pick(weighted(unanswered[language]).variants)
            : pick(answerable.filter((a) => a.lang === language)).q;
          const understood = kb.understand(text, language);
          if (understood.kind !== 'faq') continue;
          const { decision } = understood.match;
          const stored = redact(text, kb.data.matching.maxQuestionChars);
          if (decision.kind === 'answer') {
            const { entry, confidence } = decision.best;
            const low = confidence < kb.data.matching.lowConfidenceBelow;
            questions.push({ ...base, outcome: low ? 'low-confidence' : 'answered', entryId: entry.id, score: confidence, question: low ? stored : undefined, createdAt: at });
            if (!entry.dialog && rnd() < 0.45) {
              const downChance = low ? 0.6 : (disliked[entry.id] ?? 0.12);
              feedback.push({ ...base, entryId: entry.id, question: stored, score: confidence, helpful: rnd() >= downChance, createdAt: new Date(at.getTime() + 20_000) });
            }
          } else if (decision.kind === 'clarify') {
            questions.push({ ...base, outcome: 'clarify', entryId: decision.candidates[0]?.entry.id, score: decision.candidates[0]?.confidence, question: stored, createdAt: at });
          } else {
            fallbacks += 1;
            questions.push({ ...base, outcome: 'fallback', score: decision.candidates[0]?.confidence, question: stored, createdAt: at });
            if (fallbacks >= 2 || rnd() < 0.15) {
              questions.push({ ...base, outcome: 'handoff', createdAt: new Date(at.getTime() + 30_000) });
              break;
            }
          }
        }
      }
    }
    await store.recordQuestions(questions);
    for (const f of feedback) await store.recordFeedback(f);
    process.stdout.write(`Wrote ${questions.length} question events and ${feedback.length} feedback votes over the last ${days} days (${conversationNo} conversations).\n`);
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`demo analytics failed: ${errorMessageOf(error)}\n`);
  process.exit(1);
});
