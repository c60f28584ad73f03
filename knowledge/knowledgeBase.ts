import path from 'node:path';
import { loadKnowledge, type KnowledgeData } from './loader';
import { OpeningHours } from './openingHours';
import { createNormaliser, type Normaliser } from './normalize';
import { createLanguageDetector, type LanguageDetector } from './language';
import { FaqMatcher, type MatchResult } from './matcher';
import type { ContactData, FaqEntry, Language, SmallTalkKind, Topic } from './schema';

export type Understanding =
  | { kind: 'smalltalk'; language: Language; smallTalk: SmallTalkKind }
  | { kind: 'faq'; language: Language; match: MatchResult };

/**
 * The loaded knowledge base with its matcher. Free of any bot framework: it takes text and returns
 * what the text most likely asks for.
 */
export class KnowledgeBase {
  readonly normaliser: Normaliser;
  readonly detector: LanguageDetector;
  readonly matcher: FaqMatcher;
  private readonly byId: Map<string, FaqEntry>;
  private readonly smallTalk = new Map<string, SmallTalkKind>();
  private readonly titles = new Map<string, FaqEntry>();

  constructor(
    readonly data: KnowledgeData,
    /** Support's opening hours (knowledge/opening-hours.yaml). */
    readonly openingHours?: OpeningHours,
  ) {
    this.normaliser = createNormaliser(data.language);
    this.detector = createLanguageDetector(data.language);
    this.matcher = new FaqMatcher(data.entries, this.normaliser, data.matching);
    this.byId = new Map(data.entries.map((e) => [e.id, e]));
    for (const item of data.smallTalk.smallTalk) {
      for (const phrase of [...item.phrases.da, ...item.phrases.en]) this.smallTalk.set(this.normaliser.fold(phrase), item.kind);
    }
    for (const entry of data.entries) {
      for (const lang of ['da', 'en'] as const) this.titles.set(this.normaliser.fold(this.title(entry, lang)), entry);
    }
  }

  static load(dir: string): KnowledgeBase {
    return new KnowledgeBase(loadKnowledge(dir), OpeningHours.load(path.join(dir, 'opening-hours.yaml')));
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
    return this.byId.get(id);
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
    return this.titles.get(this.normaliser.fold(text));
  }

  /** The topic whose label this text is exactly, if any. */
  topicByLabel(text: string): Topic | undefined {
    const folded = this.normaliser.fold(text);
    return this.data.topics.find((t) => this.normaliser.fold(t.label.da) === folded || this.normaliser.fold(t.label.en) === folded);
  }

  smallTalkKind(text: string): SmallTalkKind | undefined {
    return this.smallTalk.get(this.normaliser.fold(text));
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
