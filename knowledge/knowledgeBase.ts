import path from 'node:path';
import { loadKnowledge, type KnowledgeData } from './loader';
import { OpeningHours } from './openingHours';
import { AGENT_CHECKLIST_FILE, loadAgentChecklist, type AgentChecklist } from './agentChecklist';
import { createNormaliser, type Normaliser } from './normalize';
import { createLanguageDetector, type LanguageDetector } from './language';
import { FaqMatcher, type MatchResult } from './matcher';
import type { ContactData, FaqEntry, Language, SmallTalkKind, Topic } from './schema';

export type Understanding =
  | { kind: 'smalltalk'; language: Language; smallTalk: SmallTalkKind }
  | { kind: 'faq'; language: Language; match: MatchResult };

/** One loaded version of the knowledge base with everything derived from it. */
interface KnowledgeSnapshot {
  data: KnowledgeData;
  openingHours?: OpeningHours;
  agentChecklist?: AgentChecklist;
  normaliser: Normaliser;
  detector: LanguageDetector;
  matcher: FaqMatcher;
  byId: Map<string, FaqEntry>;
  smallTalk: Map<string, SmallTalkKind>;
  /** Small-talk phrases that belong to one language's list only (folded phrase -> that language). */
  smallTalkLanguages: Map<string, Language>;
  titles: Map<string, FaqEntry>;
  /** Topic labels in both languages, folded. */
  topicLabels: Map<string, Topic>;
}

/** Short greetings say little about language ("hej" vs "hi"): the list a phrase is in decides, if only one has it. */
function smallTalkLanguages(data: KnowledgeData, normaliser: Normaliser): Map<string, Language> {
  const languages = new Map<string, Language>();
  const decided = new Set<string>();
  for (const item of data.smallTalk.smallTalk) {
    const da = new Set(item.phrases.da.map((p) => normaliser.fold(p)));
    const en = new Set(item.phrases.en.map((p) => normaliser.fold(p)));
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

function buildSnapshot(data: KnowledgeData, openingHours: OpeningHours | undefined, agentChecklist: AgentChecklist | undefined): KnowledgeSnapshot {
  const normaliser = createNormaliser(data.language);
  const smallTalk = new Map<string, SmallTalkKind>();
  for (const item of data.smallTalk.smallTalk) {
    for (const phrase of [...item.phrases.da, ...item.phrases.en]) smallTalk.set(normaliser.fold(phrase), item.kind);
  }
  const titles = new Map<string, FaqEntry>();
  for (const entry of data.entries) {
    for (const lang of ['da', 'en'] as const) titles.set(normaliser.fold(entry.questions[lang][0]!), entry);
  }
  const topicLabels = new Map<string, Topic>();
  for (const topic of data.topics) {
    for (const label of [topic.label.da, topic.label.en]) {
      const folded = normaliser.fold(label);
      if (!topicLabels.has(folded)) topicLabels.set(folded, topic);
    }
  }
  return {
    data,
    openingHours,
    agentChecklist,
    normaliser,
    detector: createLanguageDetector(data.language),
    matcher: new FaqMatcher(data.entries, normaliser, data.matching),
    byId: new Map(data.entries.map((e) => [e.id, e])),
    smallTalk,
    smallTalkLanguages: smallTalkLanguages(data, normaliser),
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
  ) {
    this.current = buildSnapshot(data, openingHours, agentChecklist);
  }

  static load(dir: string): KnowledgeBase {
    return new KnowledgeBase(loadKnowledge(dir), OpeningHours.load(path.join(dir, 'opening-hours.yaml')), loadAgentChecklist(path.join(dir, AGENT_CHECKLIST_FILE)));
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

  /** The phone agents' caller checklist (knowledge/agent-checklist.yaml), reloaded with the rest. */
  get agentChecklist(): AgentChecklist | undefined {
    return this.current.agentChecklist;
  }

  get normaliser(): Normaliser {
    return this.current.normaliser;
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
    return entry.questions[language][0]!;
  }

  /** The entry whose title this text is exactly (a clicked button), if any. */
  entryByTitle(text: string): FaqEntry | undefined {
    return this.current.titles.get(this.normaliser.fold(text));
  }

  /** The topic whose label this text is exactly, if any. */
  topicByLabel(text: string): Topic | undefined {
    return this.current.topicLabels.get(this.normaliser.fold(text));
  }

  smallTalkKind(text: string): SmallTalkKind | undefined {
    return this.current.smallTalk.get(this.normaliser.fold(text));
  }

  understand(text: string, fallbackLanguage: Language): Understanding {
    const language = this.detector.detect(text, fallbackLanguage);
    const smallTalk = this.smallTalkKind(text);
    if (smallTalk) return { kind: 'smalltalk', language: this.smallTalkLanguage(text, fallbackLanguage), smallTalk };
    return { kind: 'faq', language, match: this.matcher.match(text) };
  }

  /** Short greetings say little about language ("hej" vs "hi"): use the list the phrase is in. */
  private smallTalkLanguage(text: string, fallbackLanguage: Language): Language {
    return this.current.smallTalkLanguages.get(this.normaliser.fold(text)) ?? this.detector.detect(text, fallbackLanguage);
  }
}
