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
 * knowledge/language.yaml: the words the normaliser knows.
 * - synonyms: each group maps every variant (one or more words) to its canonical word;
 * - stopWords: words that carry no meaning for matching;
 * - markers: frequent words that tell Danish from English.
 */
export const languageFileSchema = z
  .object({
    synonyms: z
      .array(z.object({ canonical: nonEmptyText, variants: z.array(nonEmptyText).min(1) }).strict())
      .default([]),
    stopWords: z.object({ da: z.array(nonEmptyText), en: z.array(nonEmptyText) }).strict(),
    markers: z.object({ da: z.array(nonEmptyText), en: z.array(nonEmptyText) }).strict(),
  })
  .strict();
export type LanguageData = z.infer<typeof languageFileSchema>;

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

/** knowledge/matching.yaml: the matcher's calibrated thresholds. */
export const matchingConfigSchema = z
  .object({
    /** Fuse.js threshold when looking up a misspelt word in the vocabulary (0 exact .. 1 anything). */
    fuseThreshold: z.number().min(0).max(1),
    /** Exponent on the words' inverse document frequency: higher makes rare, telling words count more. */
    idfPower: z.number().min(0).max(4),
    /** How many spelling candidates Fuse.js proposes for a misspelt word. */
    spellingCandidates: z.number().int().min(1).max(50),
    /** Minimum combined confidence (0..1) to answer. */
    answerConfidence: z.number().min(0).max(1),
    /** Below answerConfidence but at least this: suggest candidates instead of answering. */
    suggestConfidence: z.number().min(0).max(1),
    /** Two candidates closer than this margin are ambiguous: ask which one was meant. */
    ambiguityMargin: z.number().min(0).max(1),
    /** Share of the question's content words the knowledge base must know. */
    minKnownWordShare: z.number().min(0).max(1),
    /**
     * Answers below this confidence count as low-confidence: the bot still answers, but the question is
     * stored (redacted) for the support report, like a fallback. At least answerConfidence.
     */
    lowConfidenceBelow: z.number().min(0).max(1).default(0.5),
    /** After this many fallbacks in a row the bot offers a person (handoff). */
    handoffAfterFallbacks: z.number().int().min(1).max(10),
    /** Maximum characters of a question considered for matching. */
    maxQuestionChars: z.number().int().positive(),
    /** Maximum edit distance when deciding whether a word is known (by word length). */
    knownWordMaxEdits: z.array(z.object({ minLength: z.number().int().min(1), edits: z.number().int().min(0) }).strict()).min(1),
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
