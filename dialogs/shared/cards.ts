import { CardFactory, Channels, type Attachment, type TurnContext } from 'botbuilder';

/**
 * Adaptive Cards for Microsoft Teams: small typed builders, no texts of their own (the texts come
 * from the dialogs' .texts.ts files). Teams renders Adaptive Cards up to version 1.5, not 1.6.
 * Other channels keep plain text with suggested actions.
 */

export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  weight?: 'Bolder';
  size?: 'Medium' | 'Large';
  color?: 'Good' | 'Warning' | 'Attention' | 'Accent';
  spacing?: 'Small' | 'Medium';
  separator?: true;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet {
  type: 'FactSet';
  facts: Fact[];
}

/**
 * A choice that wraps: a box with the (wrapping) title, the whole box clickable. Adaptive Card buttons
 * (Action.Submit in `actions` or an ActionSet) never wrap: Teams cuts a long title off with "…".
 */
export interface ChoiceBox {
  type: 'Container';
  style: 'emphasis';
  spacing: 'Small';
  items: [TextBlock];
  selectAction: SubmitAction & { data: SuggestionSubmit };
}

export type CardElement = TextBlock | FactSet | ChoiceBox;

/** What a yes/no card sends back: Teams delivers it as a message activity with this `value` and no text. */
export interface ConfirmSubmit {
  confirm: 'yes' | 'no';
  /** Which question the card asked: a click on an older card must not answer a newer question. */
  question?: string;
}

/** What a "did this help?" card sends back (as the activity's value, no text). */
export interface FeedbackSubmit {
  feedback: 'up' | 'down';
  /** The FAQ entry the card asked about: a click on an older card is not counted for a newer answer. */
  entry?: string;
}

/** What a suggestion button sends (group chats and channels): its title, read as if the user had typed it. */
export interface SuggestionSubmit {
  suggestion: string;
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: ConfirmSubmit | FeedbackSubmit | SuggestionSubmit;
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  actions?: SubmitAction[];
}

/** How a status reads at a glance: colours the status line. */
export type Tone = 'good' | 'warning' | 'attention' | 'neutral';

const toneColor: Record<Tone, TextBlock['color']> = { good: 'Good', warning: 'Warning', attention: 'Attention', neutral: undefined };

function card(body: CardElement[], actions?: SubmitAction[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: ADAPTIVE_CARD_SCHEMA, version: ADAPTIVE_CARD_VERSION, body, ...(actions ? { actions } : {}) };
}

/** One wrapping TextBlock per line (a line break inside a TextBlock is not reliably rendered). */
export function textBlocks(text: string, style: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => ({ type: 'TextBlock', text: line, wrap: true, ...style }));
}

/** What the transaction status card shows. */
export interface TransactionCardView {
  title: string;
  status: string;
  tone: Tone;
  facts: Fact[];
  /** The explanation in plain words, with what to do next. */
  explanation: string;
}

/** The status of an order or transaction: title, status line, facts, and the explanation. */
export function transactionStatusCard(view: TransactionCardView): AdaptiveCard {
  const color = toneColor[view.tone];
  return card([
    { type: 'TextBlock', text: view.title, wrap: true, weight: 'Bolder', size: 'Medium' },
    { type: 'TextBlock', text: view.status, wrap: true, weight: 'Bolder', spacing: 'Small', ...(color ? { color } : {}) },
    { type: 'FactSet', facts: view.facts },
    ...textBlocks(view.explanation, { spacing: 'Medium' }),
  ]);
}

/** A yes/no question with two buttons; a click sends `{ confirm: 'yes' | 'no' }` as the activity's value. */
export function confirmCard(question: string, labels: { yes: string; no: string }, questionId?: string): AdaptiveCard {
  const data = (confirm: ConfirmSubmit['confirm']): ConfirmSubmit => (questionId === undefined ? { confirm } : { confirm, question: questionId });
  return card(textBlocks(question), [
    { type: 'Action.Submit', title: labels.yes, data: data('yes') },
    { type: 'Action.Submit', title: labels.no, data: data('no') },
  ]);
}

/** The question id a yes/no card click carries, if any. */
export function confirmQuestionOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('question' in value)) return undefined;
  const id = (value as { question: unknown }).question;
  return typeof id === 'string' ? id : undefined;
}

/**
 * One box per choice, the title wrapped in full (no button label is cut off). A click sends
 * `{ suggestion: title }` as the activity's value: it is read as if the title had been typed, and it
 * counts as addressed to the bot in group chats and channels.
 */
export function choiceBoxes(titles: string[]): ChoiceBox[] {
  return titles.map((title) => ({
    type: 'Container',
    style: 'emphasis',
    spacing: 'Small',
    items: [{ type: 'TextBlock', text: title, wrap: true, color: 'Accent' }],
    selectAction: { type: 'Action.Submit', title, data: { suggestion: title } },
  }));
}

/** A reply's choices on a card of their own (Teams: where suggested actions would not be shown). */
export function suggestionsCard(titles: string[]): AdaptiveCard {
  return card(choiceBoxes(titles));
}

/**
 * The card with the choices on top: "did this help?" then reads as the card's last line, just above
 * its 👍/👎. One card per answer, with its follow-up questions and the feedback question.
 */
export function withChoices(adaptiveCard: AdaptiveCard, titles: string[]): AdaptiveCard {
  if (titles.length === 0) return adaptiveCard;
  const [first, ...rest] = adaptiveCard.body;
  const body: CardElement[] = first === undefined ? [] : [first.type === 'TextBlock' ? { ...first, spacing: 'Medium', separator: true } : first, ...rest];
  return { ...adaptiveCard, body: [...choiceBoxes(titles), ...body] };
}

/** The titles of the choice boxes on a card (any card JSON: what a click on each would send). */
export function choicesOf(content: unknown): string[] {
  if (!isAdaptiveCard(content)) return [];
  return content.body.flatMap((element: unknown) => {
    const select = fieldOf(element, 'selectAction');
    const suggestion = suggestionOf(fieldOf(select, 'data'));
    return suggestion === undefined ? [] : [suggestion];
  });
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

/** The choice a suggestions card sent, if this value is one. */
export function suggestionOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('suggestion' in value)) return undefined;
  const suggestion = (value as { suggestion: unknown }).suggestion;
  return typeof suggestion === 'string' && suggestion.trim() !== '' ? suggestion : undefined;
}

/** The answer a yes/no card sent, if this value is one. */
export function confirmAnswerOf(value: unknown): ConfirmSubmit['confirm'] | undefined {
  if (typeof value !== 'object' || value === null || !('confirm' in value)) return undefined;
  const answer = (value as { confirm: unknown }).confirm;
  return answer === 'yes' || answer === 'no' ? answer : undefined;
}

/**
 * "Did this help?" with 👍/👎 buttons; a click sends `{ feedback: 'up' | 'down', entry }` as the
 * activity's value. With `followUps`, the answer's follow-up questions are choice boxes on the same card.
 */
export function feedbackCard(question: string, labels: { up: string; down: string }, entry?: string, followUps: string[] = []): AdaptiveCard {
  const data = (feedback: FeedbackSubmit['feedback']): FeedbackSubmit => (entry === undefined ? { feedback } : { feedback, entry });
  const thumbs = card(textBlocks(question), [
    { type: 'Action.Submit', title: labels.up, data: data('up') },
    { type: 'Action.Submit', title: labels.down, data: data('down') },
  ]);
  return withChoices(thumbs, followUps);
}

/** True for a "did this help?" card (its buttons send `{ feedback }`), whatever else it shows. */
export function isFeedbackCard(content: unknown): content is AdaptiveCard {
  const actions: unknown = fieldOf(content, 'actions');
  return isAdaptiveCard(content) && Array.isArray(actions) && actions.some((action: unknown) => feedbackAnswerOf(fieldOf(action, 'data')) !== undefined);
}

/** True for an Adaptive Card as the builders here make them (type, version, body). */
export function isAdaptiveCard(content: unknown): content is AdaptiveCard {
  if (typeof content !== 'object' || content === null) return false;
  const { type, body } = content as { type?: unknown; body?: unknown };
  return type === 'AdaptiveCard' && Array.isArray(body);
}

/** The FAQ entry a clicked "did this help?" card was about, if the card named one. */
export function feedbackEntryOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('entry' in value)) return undefined;
  const entry = (value as { entry: unknown }).entry;
  return typeof entry === 'string' ? entry : undefined;
}

/** The vote a "did this help?" card sent, if this value is one. */
export function feedbackAnswerOf(value: unknown): FeedbackSubmit['feedback'] | undefined {
  if (typeof value !== 'object' || value === null || !('feedback' in value)) return undefined;
  const vote = (value as { feedback: unknown }).feedback;
  return vote === 'up' || vote === 'down' ? vote : undefined;
}

export function adaptiveCardAttachment(adaptiveCard: AdaptiveCard): Attachment {
  return CardFactory.adaptiveCard(adaptiveCard);
}

/** True for a turn from Microsoft Teams (channel `msteams`, also the Agents Playground). */
export function isTeams(context: TurnContext): boolean {
  return context.activity.channelId === Channels.Msteams;
}
