import type { Activity, Attachment, CloudAdapter, ConversationReference, StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { CaseNotifier } from '../dialogs/shared/dependencies';
import { AppError, errorCodeOf } from '../lib/errors';
import type { Logger } from '../lib/logger';
import type { CallbackRequest } from '../store/types';
import type { AppConfig } from './config';
import { agentsChannelTexts as t } from './agentsChannel.texts';
import { redactTranscriptText, type TranscriptLine } from './transcriptMiddleware';

export type AgentsChannelConfig = NonNullable<AppConfig['agentsChannel']>;

/**
 * The post about a new callback case: an Adaptive Card (1.5) with the case and the recent transcript.
 * Times are in support's time zone (the knowledge base's `timeZone`), where the agents work.
 */
export function callbackCaseActivity(request: CallbackRequest, transcript: TranscriptLine[], timeZone: string): Partial<Activity> {
  const time = new Intl.DateTimeFormat('da-DK', { timeZone, dateStyle: 'short', timeStyle: 'short' });
  // The topic is the merchant's own words: redacted like the transcript (a card number typed there stays out of Teams).
  const topic = redactTranscriptText(request.topic);
  const facts = [
    { title: t.facts.caseNumber, value: request.caseNumber },
    { title: t.facts.name, value: request.name },
    { title: t.facts.phone, value: request.phone },
    { title: t.facts.customerId, value: request.customerId ? t.customerIdUnconfirmed(request.customerId) : t.customerIdMissing },
    { title: t.facts.topic, value: topic },
    { title: t.facts.language, value: t.language(request.language) },
    { title: t.facts.channel, value: request.channel },
    { title: t.facts.createdAt, value: time.format(request.createdAt) },
  ];
  const lines =
    transcript.length > 0
      ? transcript.map((line) => ({ type: 'TextBlock', text: `${t.speaker[line.from]}: ${line.text}`, wrap: true, spacing: 'Small', isSubtle: line.from === 'bot' }))
      : [{ type: 'TextBlock', text: t.transcriptEmpty, wrap: true, isSubtle: true }];
  const card: Attachment = {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      version: '1.5',
      body: [
        { type: 'TextBlock', text: t.title(request.caseNumber), weight: 'Bolder', size: 'Medium', wrap: true },
        { type: 'FactSet', facts },
        { type: 'TextBlock', text: t.transcriptTitle, weight: 'Bolder', spacing: 'Medium', wrap: true },
        ...lines,
      ],
    },
  };
  return { type: 'message', summary: t.summary(request.caseNumber, request.name, topic), attachments: [card] };
}

/**
 * Posts new callback cases to the agents' Teams channel as a proactive message, with the
 * conversation's recent transcript. The post runs in the background: the merchant's confirmation
 * never waits for Teams, and a failed post is logged (`agents_channel_post_failed`, code only) while
 * the case stays stored and e-mailed.
 */
export class AgentsChannelNotifier implements CaseNotifier {
  private readonly reference: Partial<ConversationReference>;

  constructor(
    private readonly adapter: Pick<CloudAdapter, 'continueConversationAsync'>,
    /** The bot's app id; empty in local mode (then the post goes without auth). */
    private readonly appId: string,
    channel: AgentsChannelConfig,
    private readonly transcript: StatePropertyAccessor<TranscriptLine[]>,
    private readonly logger: Logger,
    /** Support's time zone, read at each post (the knowledge base can be reloaded). */
    private readonly timeZone: () => string,
  ) {
    this.reference = {
      channelId: 'msteams',
      serviceUrl: channel.serviceUrl,
      conversation: { id: channel.channelId, isGroup: true, conversationType: 'channel', tenantId: channel.tenantId, name: '' },
      bot: { id: appId || 'dibs-helpdesk-bot', name: 'DIBS Helpdesk' },
    };
  }

  async callbackRequested(context: TurnContext, request: CallbackRequest): Promise<void> {
    let lines: TranscriptLine[] = [];
    try {
      lines = [...(await this.transcript.get(context, []))];
    } catch (error: unknown) {
      this.logger.warn('agents_channel_transcript_unavailable', { code: errorCodeOf(error), case: request.caseNumber });
    }
    const activity = callbackCaseActivity(request, lines, this.timeZone());
    void this.post(activity).then(
      () => this.logger.info('agents_channel_posted', { case: request.caseNumber }),
      (error: unknown) => this.logger.warn('agents_channel_post_failed', { code: errorCodeOf(error), case: request.caseNumber }),
    );
  }

  /** Sends one activity as a new post in the channel. Rejects when the connector refused it or could not be reached. */
  private async post(activity: Partial<Activity>): Promise<void> {
    // The adapter's onTurnError would swallow an error thrown in the proactive turn: keep it here instead.
    let failure: unknown;
    let sent = false;
    await this.adapter.continueConversationAsync(this.appId, this.reference, async (proactive) => {
      try {
        // A new post in the channel (POST /v3/conversations/{channel}/activities), not a reply to the
        // continuation event that TurnContext.sendActivity would address.
        const connector = proactive.turnState.get<ConnectorClient | undefined>(proactive.adapter.ConnectorClientKey);
        if (!connector) throw new AppError('TURN_FAILED', 'no connector client for the proactive post');
        const conversation = this.reference.conversation!;
        await connector.conversations.sendToConversation(conversation.id, {
          ...activity,
          from: this.reference.bot,
          conversation,
          channelId: this.reference.channelId,
          serviceUrl: this.reference.serviceUrl,
          channelData: conversation.tenantId ? { tenant: { id: conversation.tenantId } } : undefined,
        } as Activity);
        sent = true;
      } catch (error: unknown) {
        failure = error;
      }
    });
    if (failure !== undefined) throw failure;
    if (!sent) throw new AppError('TURN_FAILED', 'the proactive turn did not run');
  }
}
