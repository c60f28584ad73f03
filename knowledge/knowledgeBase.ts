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
  titles: Map<string, FaqEntry>;
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
  return {
    data,
    openingHours,
    agentChecklist,
    normaliser,
    detector: createLanguageDetector(data.language),
    matcher: new FaqMatcher(data.entries, normaliser, data.matching),
    byId: new Map(data.entries.map((e) => [e.id, e])),
    smallTalk,
    titles,
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
    const folded = this.normaliser.fold(text);
    return this.data.topics.find((t) => this.normaliser.fold(t.label.da) === folded || this.normaliser.fold(t.label.en) === folded);
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
    const folded = this.normaliser.fold(text);
    for (const item of this.data.smallTalk.smallTalk) {
      const inDa = item.phrases.da.some((p) => this.normaliser.fold(p) === folded);
      const inEn = item.phrases.en.some((p) => this.normaliser.fold(p) === folded);
      if (inDa && !inEn) return 'da';
      if (inEn && !inDa) return 'en';
    }
    return this.detector.detect(text, fallbackLanguage);
  }
}
