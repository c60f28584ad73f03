import path from 'node:path';
import { AppError } from '../lib/errors';
import { loadKnowledge, type KnowledgeData } from './loader';
import { OpeningHours } from './openingHours';
import { AGENT_CHECKLIST_FILE, loadAgentChecklist, type AgentChecklist } from './agentChecklist';
import { foldText, words } from './normalize';
import { createLanguageDetector, type LanguageDetector } from './language';
import { Analyzer, type Analysis, type KnownText } from './matching/analyzer';
import type { ModelStore } from './matching/modelStore';
import { analysisKey, type AnalysisStore } from './matching/analysisStore';
import { attempt } from './matching/attempt';
import { FaqMatcher, type MatchContext, type MatchResult } from './matching/matcher';
import { IntentRecogniser } from './matching/intents';
import { withExamples } from './matching/examples';
import type { UnderstandingExplanation } from './matching/explain';
import type { ContactData, FaqEntry, Language, SmallTalkKind, Topic } from './schema';

export type Understanding =
  | { kind: 'smalltalk'; language: Language; smallTalk: SmallTalkKind }
  | { kind: 'faq'; language: Language; match: MatchResult };

/**
 * Folds a whole message for exact comparisons (titles, small talk, topic labels). No title or phrase
 * is longer than this, so a longer message is not folded at all (it costs nothing).
 */
const MAX_EXACT_CHARS = 300;
const fold = (text: string): string => (text.length > MAX_EXACT_CHARS ? '\u0000' : foldText(text));

/** One loaded version of the knowledge base with everything derived from it. */
interface KnowledgeSnapshot {
  data: KnowledgeData;
  openingHours?: OpeningHours;
  agentChecklist?: AgentChecklist;
  detector: LanguageDetector;
  analyzer: Analyzer;
  matcher: FaqMatcher;
  intents: IntentRecogniser;
  byId: Map<string, FaqEntry>;
  smallTalk: Map<string, SmallTalkKind>;
  /** Small-talk phrases that belong to one language's list only (folded phrase -> that language). */
  smallTalkLanguages: Map<string, Language>;
  titles: Map<string, FaqEntry>;
  /** Topic labels in both languages, folded. */
  topicLabels: Map<string, Topic>;
}

/** Short greetings say little about language ("hej" vs "hi"): the list a phrase is in decides, if only one has it. */
function smallTalkLanguages(data: KnowledgeData): Map<string, Language> {
  const languages = new Map<string, Language>();
  const decided = new Set<string>();
  for (const item of data.smallTalk.smallTalk) {
    const da = new Set(item.phrases.da.map(fold));
    const en = new Set(item.phrases.en.map(fold));
    // The first item with the phrase in exactly one of its lists decides.
    for (const [language, own, other] of [['da', da, en], ['en', en, da]] as const) {
      for (const phrase of own) {
        if (decided.has(phrase) || other.has(phrase)) continue;
        languages.set(phrase, language);
        decided.add(phrase);
      }
    }
  }
  return languages;
}

/** How a knowledge base is built beyond its data. */
export interface KnowledgeOptions {
  /** Where trained matcher models are kept between starts and reloads (none: train every time). */
  modelStore?: ModelStore;
  /** Where the analysed knowledge texts are kept between starts and reloads (none: analyse every time). */
  analysisStore?: AnalysisStore;
}

function buildSnapshot(data: KnowledgeData, openingHours: OpeningHours | undefined, agentChecklist: AgentChecklist | undefined, options: KnowledgeOptions): KnowledgeSnapshot {
  // The matcher learns from the phrasings and the labelled examples; the bot shows the entries as written.
  const learning = withExamples(data.entries, data.outOfScope, data.examples);
  const knownTexts: KnownText[] = [
    ...learning.entries.flatMap((e) => [...e.questions.da.map((text) => ({ text, language: 'da' as const })), ...e.questions.en.map((text) => ({ text, language: 'en' as const }))]),
    ...learning.outOfScope.examples.da.map((text) => ({ text, language: 'da' as const })),
    ...learning.outOfScope.examples.en.map((text) => ({ text, language: 'en' as const })),
  ];
  const abbreviations = new Map(Object.entries({ ...data.language.abbreviations.en, ...data.language.abbreviations.da }).map(([short, long]) => [short, long.split(' ')]));
  const stopWords = [...data.language.stopWords.da, ...data.language.stopWords.en];
  const signOffs = [...data.language.signOffs.da, ...data.language.signOffs.en].map((form) => words(foldText(form)));
  // The analysis of the knowledge texts depends on exactly these inputs (and the analyser's code).
  const store = options.analysisStore;
  const key = store ? attempt(() => analysisKey({ concepts: data.concepts, stopWords, knownTexts, matching: data.matching, abbreviations: [...abbreviations], signOffs }, [data.dictionaryStems.da.text, data.dictionaryStems.en.text])) : undefined;
  const stored = store && key !== undefined ? attempt(() => store.readAnalysis(key)) : undefined;
  const analyzer = new Analyzer(data.concepts, stopWords, knownTexts, data.matching, data.dictionaryStems, { abbreviations, signOffs }, stored);
  const smallTalk = new Map<string, SmallTalkKind>();
  for (const item of data.smallTalk.smallTalk) {
    for (const phrase of [...item.phrases.da, ...item.phrases.en]) smallTalk.set(fold(phrase), item.kind);
  }
  const titles = new Map<string, FaqEntry>();
  for (const entry of data.entries) {
    for (const lang of ['da', 'en'] as const) titles.set(fold(entry.questions[lang][0] ?? ''), entry);
  }
  const topicLabels = new Map<string, Topic>();
  for (const topic of data.topics) {
    for (const label of [topic.label.da, topic.label.en]) {
      const folded = fold(label);
      if (!topicLabels.has(folded)) topicLabels.set(folded, topic);
    }
  }
  const matcher = new FaqMatcher(learning.entries, learning.outOfScope, analyzer, data.matching, {
    generic: data.concepts.filter((c) => c.generic).map((c) => c.id),
    outOfScope: data.concepts.filter((c) => c.outOfScope).map((c) => ({ id: c.id, weight: c.outOfScopeWeight })),
  }, options.modelStore);
  const analysed = analyzer.finishStartUp();
  if (store && key !== undefined && !stored) attempt(() => store.writeAnalysis(key, analysed));
  return {
    data,
    openingHours,
    agentChecklist,
    detector: createLanguageDetector(data.language),
    analyzer,
    matcher,
    intents: new IntentRecogniser(data.intents),
    byId: new Map(data.entries.map((e) => [e.id, e])),
    smallTalk,
    smallTalkLanguages: smallTalkLanguages(data),
    titles,
    topicLabels,
  };
}

/**
 * The loaded knowledge base with its matcher. Free of any bot framework: it takes text and returns
 * what the text most likely asks for.
 *
 * Its contents can be swapped while the bot runs (`replaceWith`, used by the hot reload): everyone
 * keeps the same object and reads the current version on each call.
 */
export class KnowledgeBase {
  private current: KnowledgeSnapshot;
  private loadedAtValue = new Date();
  private versionValue = 1;

  constructor(
    data: KnowledgeData,
    /** Support's opening hours (knowledge/opening-hours.yaml). */ openingHours?: OpeningHours,
    /** What phone agents check with a caller (knowledge/agent-checklist.yaml). */ agentChecklist?: AgentChecklist,
    options: KnowledgeOptions = {},
  ) {
    this.current = buildSnapshot(data, openingHours, agentChecklist, options);
  }

  static load(dir: string, options: KnowledgeOptions = {}): KnowledgeBase {
    return new KnowledgeBase(loadKnowledge(dir), OpeningHours.load(path.join(dir, 'opening-hours.yaml')), loadAgentChecklist(path.join(dir, AGENT_CHECKLIST_FILE)), options);
  }

  /**
   * Trains what start-up left to train on first need (the neighbour groups' models), one model per
   * turn of the event loop (each takes tens of milliseconds; a turn waits for one at most, or trains
   * the one it needs itself). The answers are the same before and after: a model not trained yet is
   * trained when a question first needs it. Stops when a reload has replaced the contents (a reload
   * warms up its own before the swap).
   */
  async warmUp(): Promise<void> {
    const { matcher } = this.current;
    while (this.current.matcher === matcher && matcher.trainPending()) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** The same at once (a reload, before its contents are taken over). */
  warmUpNow(): void {
    const { matcher } = this.current;
    for (let more = true; more; ) more = matcher.trainPending();
  }

  /** Takes over another (freshly loaded and validated) knowledge base's contents in one step. */
  replaceWith(other: KnowledgeBase): void {
    this.current = other.current;
    this.loadedAtValue = new Date();
    this.versionValue += 1;
  }

  /** 1 at start, +1 for every reload that was taken over. */
  get version(): number {
    return this.versionValue;
  }

  /** When the current contents were loaded. */
  get loadedAt(): Date {
    return new Date(this.loadedAtValue);
  }

  get data(): KnowledgeData {
    return this.current.data;
  }

  /** Support's opening hours (knowledge/opening-hours.yaml). */
  get openingHours(): OpeningHours | undefined {
    return this.current.openingHours;
  }

  /**
   * Support's time zone (opening-hours.yaml's `timeZone`): the zone of the hours, of the times the bot
   * shows, of the agents' case cards and of the report's days. A knowledge base loaded from a folder
   * always has it; one built in code without opening hours has none.
   */
  get timeZone(): string {
    const hours = this.current.openingHours;
    if (!hours) throw new AppError('KNOWLEDGE_INVALID', 'this knowledge base has no opening hours (opening-hours.yaml), so no time zone');
    return hours.timeZone;
  }

  /** The phone agents' caller checklist (knowledge/agent-checklist.yaml), reloaded with the rest. */
  get agentChecklist(): AgentChecklist | undefined {
    return this.current.agentChecklist;
  }

  /** Folds text for exact comparisons: case, æ/ø/å, punctuation. */
  fold(text: string): string {
    return fold(text);
  }

  /** What the analyser makes of a text: its terms (concepts and stems), unknown words, … */
  analysis(text: string): Analysis {
    return this.current.analyzer.analyze(text);
  }

  /** The question's terms as the matcher sees them (concepts and stems), e.g. for grouping similar questions. */
  terms(text: string): string[] {
    return this.analysis(text).terms.map((t) => t.id);
  }

  get detector(): LanguageDetector {
    return this.current.detector;
  }

  get matcher(): FaqMatcher {
    return this.current.matcher;
  }

  get entries(): FaqEntry[] {
    return this.data.entries;
  }

  get contact(): ContactData {
    return this.data.contact;
  }

  get topics(): Topic[] {
    return this.data.topics;
  }

  entry(id: string): FaqEntry | undefined {
    return this.current.byId.get(id);
  }

  entriesOfTopic(topicId: string): FaqEntry[] {
    return this.data.entries.filter((e) => e.topic === topicId);
  }

  /** The question shown on buttons and lists: the entry's first phrasing in that language. */
  title(entry: FaqEntry, language: Language): string {
    // The schema requires at least three phrasings per language; the id is only a guard.
    return entry.questions[language][0] ?? entry.id;
  }

  /** The entry whose title this text is exactly (a clicked button), if any. */
  entryByTitle(text: string): FaqEntry | undefined {
    return this.current.titles.get(fold(text));
  }

  /** The topic whose label this text is exactly, if any. */
  topicByLabel(text: string): Topic | undefined {
    return this.current.topicLabels.get(fold(text));
  }

  /** Small talk by its exact phrase (knowledge/smalltalk.yaml): greeting, thanks, "menu", "annuller", … */
  exactSmallTalk(text: string): SmallTalkKind | undefined {
    return this.current.smallTalk.get(fold(text));
  }

  /**
   * Small talk: a whole message that is a greeting, thanks, "menu", … (exact, never fuzzy), or a
   * request for a person in any wording the handoff rules of intents.yaml recognise.
   */
  smallTalkKind(text: string, fallbackLanguage: Language = 'da'): SmallTalkKind | undefined {
    const understood = this.understand(text, fallbackLanguage);
    return understood.kind === 'smalltalk' ? understood.smallTalk : undefined;
  }

  /**
   * What a message asks for: small talk (exact), a person (the handoff rules of intents.yaml), or an
   * FAQ entry. `context` is what the conversation knows (the previous answer).
   */
  understand(text: string, fallbackLanguage: Language, context: MatchContext = {}): Understanding {
    const exact = this.current.smallTalk.get(fold(text));
    if (exact) return { kind: 'smalltalk', language: this.smallTalkLanguage(text, fallbackLanguage), smallTalk: exact };
    const language = this.detector.detect(text, fallbackLanguage);
    const analysis = this.current.analyzer.analyze(text, language);
    if (this.current.intents.recognise(analysis)) return { kind: 'smalltalk', language, smallTalk: 'handoff' };
    return { kind: 'faq', language, match: this.current.matcher.matchAnalysis(analysis, context) };
  }

  /** Why the bot understands a message the way it does (`npm run eval -- --explain`). */
  explain(text: string, fallbackLanguage: Language, context: MatchContext = {}): UnderstandingExplanation {
    const understood = this.understand(text, fallbackLanguage, context);
    const exact = this.exactSmallTalk(text);
    const language = this.detector.detect(text, fallbackLanguage);
    const analysis = this.current.analyzer.analyze(text, language);
    return {
      text,
      language: understood.language,
      smallTalk: exact,
      intent: exact ? undefined : this.current.intents.recognise(analysis),
      match: this.current.matcher.explainAnalysis(analysis, context),
    };
  }

  /** Short greetings say little about language ("hej" vs "hi"): use the list the phrase is in. */
  private smallTalkLanguage(text: string, fallbackLanguage: Language): Language {
    return this.current.smallTalkLanguages.get(fold(text)) ?? this.detector.detect(text, fallbackLanguage);
  }
}
