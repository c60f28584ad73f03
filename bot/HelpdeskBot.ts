import { ActivityHandler, MessageFactory, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { languageOfLocale } from '../knowledge/language';
import type { Logger } from '../lib/logger';
import { ROOT_DIALOG, type RootDialog } from '../dialogs/RootDialog';
import { joinList, rootTexts } from '../dialogs/RootDialog.texts';
import { turnInsights } from '../dialogs/turnInsights';

/** The bot: routes every message to the root dialog, welcomes new members, logs one line per turn. */
export class HelpdeskBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(
    private readonly conversationState: ConversationState,
    dialogState: StatePropertyAccessor<DialogState>,
    rootDialog: RootDialog,
    private readonly kb: KnowledgeBase,
    private readonly logger: Logger,
  ) {
    super();
    this.dialogs = new DialogSet(dialogState);
    this.dialogs.add(rootDialog);

    this.onMessage(async (context, next) => {
      await this.runRootDialog(context);
      await next();
    });

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      for (const member of context.activity.membersAdded ?? []) {
        if (member.id !== botId) await this.welcome(context);
      }
      await next();
    });
  }

  private async runRootDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(ROOT_DIALOG);
  }

  private async welcome(context: TurnContext): Promise<void> {
    const language = languageOfLocale(context.activity.locale) ?? 'da';
    const topics = this.kb.topics.map((t) => t.label[language]);
    const text = rootTexts[language].welcome(joinList(topics.map((t) => t.toLowerCase()), language));
    await context.sendActivity(MessageFactory.suggestedActions(topics, text));
  }

  override async run(context: TurnContext): Promise<void> {
    const started = process.hrtime.bigint();
    try {
      await super.run(context);
    } finally {
      await this.conversationState.saveChanges(context, false);
      const insights = turnInsights(context);
      this.logger.info('turn', {
        conversation: context.activity.conversation?.id,
        channel: context.activity.channelId,
        activityType: context.activity.type,
        language: insights.language,
        outcome: insights.outcome,
        entry: insights.entry,
        score: insights.score === undefined ? undefined : Math.round(insights.score * 1000) / 1000,
        latencyMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      });
    }
  }
}
