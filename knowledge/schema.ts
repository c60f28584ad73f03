import { z } from 'zod';

/** Languages the bot speaks. Danish first. */
export const languageSchema = z.enum(['da', 'en']);
export type Language = z.infer<typeof languageSchema>;

/** Guided dialogs an FAQ entry may point to. */
export const dialogPointerSchema = z.enum(['unlock', 'change-email', 'transaction-status', 'handoff']);
export type DialogPointer = z.infer<typeof dialogPointerSchema>;

const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens, e.g. "account-locked"');

const nonEmptyText = z.string().trim().min(1, 'must not be empty');

const phrasingsSchema = z
  .array(nonEmptyText)
  .min(3, 'needs at least 3 phrasings so the bot recognises different wordings');

/** Text in both languages. */
export const bilingualTextSchema = z.object({ da: nonEmptyText, en: nonEmptyText }).strict();
export type BilingualText = z.infer<typeof bilingualTextSchema>;

/** One FAQ entry: how merchants ask, and what the bot answers. */
export const faqEntrySchema = z
  .object({
    id: idSchema,
    topic: idSchema,
    questions: z.object({ da: phrasingsSchema, en: phrasingsSchema }).strict(),
    answer: bilingualTextSchema,
    /** A short form that is easy to read aloud on the phone. */
    short: bilingualTextSchema.optional(),
    followUps: z.array(idSchema).max(3, 'at most 3 follow-ups').default([]),
    dialog: dialogPointerSchema.optional(),
    /**
     * With a dialog: whether the answer is shown before the flow starts (`always`), or only to a merchant
     * who is not verified yet (`unless-verified`: the answer says a code comes first). Phone agents
     * never get a flow's answer: it speaks to the merchant, and the flow addresses the agent.
     */
    answerBeforeDialog: z.enum(['always', 'unless-verified']).default('always'),
  })
  .strict();
export type FaqEntry = z.infer<typeof faqEntrySchema>;

/** A YAML file under knowledge/faq/: a list of entries. */
export const faqFileSchema = z.object({ entries: z.array(faqEntrySchema).min(1) }).strict();

/** knowledge/topics.yaml: the topics, in menu order, with their labels. */
export const topicsFileSchema = z
  .object({ topics: z.array(z.object({ id: idSchema, label: bilingualTextSchema }).strict()).min(1) })
  .strict();
export type Topic = z.infer<typeof topicsFileSchema>['topics'][number];

/**
 * knowledge/language.yaml: the words the analyser knows apart from concepts.
 * - stopWords: words that carry no meaning for matching;
 * - markers: frequent words that tell Danish from English.
 */
/** Short forms of one language: a folded word ("ik") and the folded words it stands for ("ikke"). */
const shortFormsSchema = z.record(z.string().regex(/^[a-z0-9]+$/, 'one folded word'), z.string().regex(/^[a-z0-9]+( [a-z0-9]+)*$/, 'folded words'));

export const languageFileSchema = z
  .object({
    stopWords: z.object({ da: z.array(nonEmptyText), en: z.array(nonEmptyText) }).strict(),
    markers: z.object({ da: z.array(nonEmptyText), en: z.array(nonEmptyText) }).strict(),
    /** Short forms merchants type ("ik", "ka", "pw") and the word they stand for, read as that word. */
    abbreviations: z
      .object({ da: shortFormsSchema, en: shortFormsSchema })
      .strict()
      .refine((a) => !Object.keys(a.da).some((k) => k in a.en), 'a short form may stand in one list only (da or en)')
      .default({ da: {}, en: {} }),
    /**
     * Sign-offs ("mvh", "best regards"): near the end of a message they start its signature, whose
     * words (a name, a shop) are no part of the question and are not read.
     */
    signOffs: z.object({ da: z.array(nonEmptyText), en: z.array(nonEmptyText) }).strict().default({ da: [], en: [] }),
  })
  .strict();
export type LanguageData = z.infer<typeof languageFileSchema>;

const conceptIdSchema = idSchema;

/**
 * knowledge/concepts.yaml: named concepts. Every form (one or more words, Danish or English, any
 * inflection the stemmer knows) counts as the concept, so "kodeord", "adgangskode" and "password" are
 * one thing to the matcher. A form may belong to more than one concept.
 */
export const conceptsFileSchema = z
  .object({
    concepts: z
      .array(
        z
          .object({
            id: conceptIdSchema,
            /** What the concept means, for support staff. */
            means: nonEmptyText,
            /** A word of many topics ("konto", "email"): on its own it never decides an answer. */
            generic: z.boolean().default(false),
            /** A topic the support page does not answer (fees, MobilePay, …): the word counts towards "I don't know". */
            outOfScope: z.boolean().default(false),
            /**
             * How much an out-of-scope concept counts on its own, instead of matching.yaml's
             * training.outOfScopeConceptWeight: more for a subject that never comes with a question the
             * page answers (the weather, another company's opening hours).
             */
            outOfScopeWeight: z.number().min(0).max(10).optional(),
            forms: z.array(nonEmptyText).min(1),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type Concept = z.infer<typeof conceptsFileSchema>['concepts'][number];

/** One rule of an intent: all of these concepts near each other in the message, and none of `unless`. */
export const intentRuleSchema = z
  .object({
    all: z.array(conceptIdSchema).min(1),
    unless: z.array(conceptIdSchema).default([]),
    /** How many words apart its concepts may stand, for this rule (default: the intent's window). */
    window: z.number().int().min(1).max(50).optional(),
    /**
     * The rule holds only when its concepts are all that one sentence of the message says: every word
     * of it that carries meaning is one of them, and none is unknown ("Medarbejder, nu.",
     * "Representative.", "Din bot fatter ingenting. Medarbejder, nu.").
     */
    alone: z.boolean().default(false),
  })
  .strict();
export type IntentRule = z.infer<typeof intentRuleSchema>;

/** knowledge/intents.yaml: intents that are not FAQ entries, recognised by concept rules. */
export const intentsFileSchema = z
  .object({
    handoff: z
      .object({
        /** The message asks for a person when any rule holds. */
        rules: z.array(intentRuleSchema).min(1),
        /**
         * Never a handoff when one of these holds, read like a rule (its concepts in order, near each
         * other): "kan jeg tale med en sælger" asks for sales, which has an answer; "it is costing us
         * sales, have someone call me" still asks for a person.
         */
        unless: z.array(intentRuleSchema).default([]),
        /** The concepts of a rule must stand within this many words of each other. */
        window: z.number().int().min(1).max(50),
      })
      .strict(),
  })
  .strict();
export type IntentsData = z.infer<typeof intentsFileSchema>;

/**
 * knowledge/out-of-scope.yaml: questions merchants ask that the support page does not answer. The
 * matcher learns them as a class of their own, so that their words count against every entry.
 */
export const outOfScopeFileSchema = z
  .object({ examples: z.object({ da: z.array(nonEmptyText).min(1), en: z.array(nonEmptyText).min(1) }).strict() })
  .strict();
export type OutOfScopeData = z.infer<typeof outOfScopeFileSchema>;

/** The two labels of a labelled example that are not FAQ entries. */
export const OUT_OF_SCOPE_LABEL = 'out-of-scope';
export const HANDOFF_LABEL = 'handoff';

/**
 * knowledge/examples/*.yaml: real merchants' messages, each labelled with the answer it should get
 * (an entry id, `out-of-scope` or `handoff`). The matcher learns from them as from the phrasings: an
 * example is a way of asking that the phrasings do not cover (a story, a long message, sms style).
 * `style` and `category` say what kind of message it is (for `npm run eval`); they do not change what
 * is learnt. Handoff examples are not learnt (knowledge/intents.yaml decides), only measured.
 */
export const labelledExampleSchema = z
  .object({
    q: nonEmptyText,
    lang: languageSchema,
    expect: z.string().min(1),
    style: z.string().min(1).optional(),
    category: z.string().min(1).optional(),
  })
  .strict();
export type LabelledExample = z.infer<typeof labelledExampleSchema>;
export const examplesFileSchema = z.object({ examples: z.array(labelledExampleSchema).min(1) }).strict();

/** knowledge/smalltalk.yaml: greetings, thanks, help and menu. Matched exactly, never fuzzily. */
export const smallTalkKindSchema = z.enum(['greeting', 'thanks', 'help', 'menu', 'goodbye', 'cancel', 'handoff']);
export type SmallTalkKind = z.infer<typeof smallTalkKindSchema>;
export const smallTalkFileSchema = z
  .object({
    smallTalk: z
      .array(
        z
          .object({
            kind: smallTalkKindSchema,
            phrases: z.object({ da: z.array(nonEmptyText).min(1), en: z.array(nonEmptyText).min(1) }).strict(),
          })
          .strict(),
      )
      .min(1),
  })
  .strict();
export type SmallTalkData = z.infer<typeof smallTalkFileSchema>;

/** knowledge/matching.yaml: limits, the model's training settings and the calibrated decision thresholds. */
export const matchingConfigSchema = z
  .object({
    /** Longer questions keep this many characters: the first and the last half (the question is often at the end). */
    maxQuestionChars: z.number().int().positive().max(20_000),
    /** At most this many words of a question are read (again the first and the last half). */
    maxWords: z.number().int().min(4).max(400),
    /** A longer "word" is not a word: it is skipped (and costs nothing). */
    maxWordLength: z.number().int().min(4).max(100),
    /** A number of at least this many digits counts as a term of its own (an order number, a customer ID). */
    numberMinDigits: z.number().int().min(1),
    /** At most this many unknown words of one question are looked up for spelling and compounds. */
    maxLookupsPerQuestion: z.number().int().min(0).max(50),
    /** Maximum edit distance when correcting a misspelt word, by word length. */
    knownWordMaxEdits: z
      .array(z.object({ minLength: z.number().int().min(1), edits: z.number().int().min(0).max(2) }).strict())
      .min(1)
      .refine((rules) => rules.every((r, i) => i === 0 || r.minLength > (rules[i - 1]?.minLength ?? 0)), 'list the rules by increasing minLength'),
    /** How much a term counts outside the sentence that asks (the one with "?", or the last), 0..1. */
    contextWeight: z.number().min(0).max(1),
    /** ... and the words of a context sentence with the concept `dismissed` ("that part I know already"). */
    dismissedWeight: z.number().min(0).max(1),
    /** A concept form whose stem has fewer letters than this finds by stem only words that begin with the whole form ("koden" for "kode"). */
    conceptStemMinLength: z.number().int().min(1).max(10).default(1),
    /** At most this many other words may stand at the "…" of a concept form ("slå … fra"). */
    phraseGapWords: z.number().int().min(0).max(5),
    /** A word too short for knownWordMaxEdits, but at least this long, may still be corrected for one slip (two neighbouring letters swapped, one letter left out) to known words that mean the same. */
    slipMinLength: z.number().int().min(2),
    /** A word that occurs at most this often in the phrasings, and is within knownWordMaxEdits of a concept form, is a typo of it. */
    typoMaxOccurrences: z.number().int().min(0),
    /** Danish compounds ("kundenummeret", "driftsinfo") are split into known parts of at least this many letters. */
    compoundMinPart: z.number().int().min(2),
    /** Letters that may join the parts of a Danish compound ("betaling-s-vindue"). */
    compoundLinks: z.array(z.string().regex(/^[a-z]$/)).default([]),
    /** A sign-off (language.yaml, `signOffs`) followed by at most this many words to the end starts the message's signature. */
    signatureMaxWords: z.number().int().min(0).max(20).default(0),
    /** Training of the model, at start-up. */
    training: z
      .object({
        iterations: z.number().int().min(1).max(5000),
        learningRate: z.number().positive(),
        /** L2 regularisation: higher keeps single words from deciding alone. */
        l2: z.number().min(0),
        /** A word seen with at most this many entries makes them rivals of the words beside it (they can count against each other). */
        rivalMaxClasses: z.number().int().min(1),
        /** A word keeps weights for at most this many entries, those it is seen with most (it keeps a large knowledge base fast). */
        maxClassesPerTerm: z.number().int().min(1),
        /** Weight of all out-of-scope examples together, relative to one entry's phrasings together. */
        outOfScopeWeight: z.number().positive(),
        /** Weight of each concept marked `outOfScope`, learnt alone as out-of-scope, relative to one entry's phrasings together. */
        outOfScopeConceptWeight: z.number().min(0),
      })
      .strict(),
    /** Probability (0..1) the best entry needs to be answered straight away. */
    answerConfidence: z.number().min(0).max(1),
    /** At this out-of-scope probability or more the bot says it does not know, unless an entry is answered. */
    outOfScopeConfidence: z.number().min(0).max(1),
    /** A message whose asking sentence alone is out of scope with at least this probability is out of scope, whatever its context. */
    askingOutOfScopeConfidence: z.number().min(0).max(1),
    /** A long message out of scope as a whole whose asking sentence alone is answered this likely gets that answer ... */
    askingInScopeConfidence: z.number().min(0).max(1),
    /** …unless the best entry is at least this many times as likely as out-of-scope: then the bot asks "Mente du …?". */
    clarifyOverOutOfScope: z.number().min(0),
    /** The best entry must lead the second by this much to be answered; closer, the bot asks which was meant. */
    ambiguityMargin: z.number().min(0).max(1),
    /** The model's best entry below this probability must agree with the closest phrasing's entry to be answered. */
    agreementOverride: z.number().min(0).max(1),
    /** Agreement: the model's entry's closest phrasing scores at least this share of the closest phrasing overall. */
    agreementRatio: z.number().min(0).max(1),
    /** Entries with at least this probability are offered in a "did you mean …?" clarification. */
    suggestConfidence: z.number().min(0).max(1),
    /** At most this many entries in a clarification. */
    maxSuggestions: z.number().int().min(1).max(5),
    /**
     * Answers below this confidence count as low-confidence: the bot still answers, but the question is
     * stored (redacted) for the support report, like a fallback. At least answerConfidence.
     */
    lowConfidenceBelow: z.number().min(0).max(1).default(0.5),
    /** After this many fallbacks in a row the bot offers a person (handoff). */
    handoffAfterFallbacks: z.number().int().min(1).max(10),
    /**
     * Added to the out-of-scope score, times the share of the question's words the knowledge base does
     * not know: "når lukker IKEA" is not about DIBS's opening hours.
     */
    unknownWordsWeight: z.number().min(0),
    /** Added to an entry's score when the previous answer was that entry, or one of its follow-ups. */
    contextBoost: z.object({ previous: z.number().min(0), followUp: z.number().min(0) }).strict(),
    context: z.object({ turns: z.number().int().min(1).max(20), followUpsFromWords: z.number().int().min(1) }).strict(),
    /**
     * Entries that are easily taken for one another (the suspicious-payment entries, the login e-mail
     * entries …). When the model's two best entries are in one group, a small model trained on that
     * group's phrasings and examples alone shares out the group's probability among its entries.
     */
    neighbourGroups: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), entries: z.array(z.string()).min(2) }).strict())
      .default([]),
  })
  .strict();
export type MatchingConfig = z.infer<typeof matchingConfigSchema>;

/** knowledge/contact.yaml: support's contact facts, used in fallbacks and handoffs. */
export const contactFileSchema = z
  .object({
    phone: nonEmptyText,
    hours: bilingualTextSchema,
    supportEmail: z.string().email(),
  })
  .strict();
export type ContactData = z.infer<typeof contactFileSchema>;
