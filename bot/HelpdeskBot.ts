import { ActivityHandler, MessageFactory, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { languageOfLocale } from '../knowledge/language';
import type { Logger } from '../lib/logger';
import { errorCodeOf, hasErrorCode, isStoreFailure } from '../lib/errors';
import { shellTexts } from './texts';
import { ROOT_DIALOG, type RootDialog } from '../dialogs/root/RootDialog';
import { joinList, rootTexts } from '../dialogs/root/RootDialog.texts';
import { turnInsights } from '../dialogs/shared/turnInsights';

const PRUNE_EVERY = 1000;
const KEEP_DELIVERIES_MS = 24 * 60 * 60 * 1000;

/** Where delivered activity ids are recorded, so a redelivery is not acted on twice. */
export interface DeliveryLedger {
  /** False when the activity was delivered before. May load the turn's conversation state on the way. */
  claim(context: TurnContext, activityKey: string, conversationId: string): Promise<boolean>;
  prune(olderThan: Date): Promise<number>;
}

/** The bot: routes every message to the root dialog, welcomes new members, logs one line per turn. */
export class HelpdeskBot extends ActivityHandler {
  private readonly dialogs: DialogSet;
  /** Whether this conversation was welcomed: once per conversation, however many members join. */
  private readonly welcomed: StatePropertyAccessor<boolean>;

  constructor(
    private readonly conversationState: ConversationState,
    dialogState: StatePropertyAccessor<DialogState>,
    rootDialog: RootDialog,
    private readonly kb: KnowledgeBase,
    private readonly logger: Logger,
    private readonly deliveries?: DeliveryLedger,
  ) {
    super();
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(rootDialog);
    this.welcomed = conversationState.createProperty<boolean>('welcomed');

    this.onMessage(async (context, next) => {
      await this.runRootDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      // In Teams group chats and channels a welcome would be posted to everyone whenever someone joins.
      const conversationType = context.activity.conversation?.conversationType;
      if (conversationType === 'groupChat' || conversationType === 'channel') return next();
      const botId = context.activity.recipient?.id;
      const someoneJoined = (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
      if (someoneJoined && !(await this.welcomed.get(context, false))) {
        await this.welcomed.set(context, true);
        await this.welcome(context);
      }
      await next();
    });
  }

  private async runRootDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG);
  }

  /** Saves the turn's state; when another instance won the race, asks the user to repeat. */
  private async saveState(context: TurnContext): Promise<void> {
    try {
      await this.conversationState.saveChanges(context, false);
    } catch (error: unknown) {
      if (!hasErrorCode(error, 'STATE_CONFLICT')) throw error;
      this.logger.warn('state_conflict', { code: errorCodeOf(error), conversation: context.activity.conversation?.id });
      if (context.activity.type === 'message') {
        await context.sendActivity(shellTexts[languageOfLocale(context.activity.locale) ?? 'da'].repeat);
      }
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    const language = languageOfLocale(context.activity.locale) ?? 'da';
    const topics = this.kb.topics.map((t) => t.label[language]);
    const text = rootTexts[language].welcome(joinList(topics.map((t) => t.toLowerCase()), language));
    await context.sendActivity(MessageFactory.suggestedActions(topics, text));
  }

  /** False when this message activity was delivered before (same channel, conversation and id). */
  private async firstDelivery(context: TurnContext): Promise<boolean> {
    const a = context.activity;
    if (!this.deliveries || a.type !== 'message' || !a.id || !a.conversation?.id) return true;
    try {
      const first = await this.deliveries.claim(context, `${a.channelId}:${a.conversation.id}:${a.id}`, a.conversation.id);
      if (++this.claims % PRUNE_EVERY === 0) await this.deliveries.prune(new Date(Date.now() - KEEP_DELIVERIES_MS));
      return first;
    } catch (error: unknown) {
      if (isStoreFailure(error)) return true;
      throw error;
    }
  }

  private claims = 0;

  override async run(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    if (!(await this.firstDelivery(context))) {
      this.logger.info('duplicate_activity', { conversation: context.activity.conversation?.id, channel: context.activity.channelId });
      return;
    }
    try {
      await super.run(context);
      await this.saveState(context);
    } finally {
      const insights = turnInsights(context);
      this.logger.info('turn', {
        conversation: context.activity.conversation?.id,
        channel: context.activity.channelId,
        activityType: context.activity.type,
        language: insights.language,
        outcome: insights.outcome,
        entry: insights.entry,
        score: insights.score === undefined ? undefined : Math.round(insights.score * 1000) / 1000,
        candidate: insights.candidate,
        margin: insights.margin === undefined ? undefined : Math.round(insights.margin * 1000) / 1000,
        latencyMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      });
    }
  }
}
