import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AppConfig } from './config';
import type { KnowledgeBase } from '../knowledge/knowledgeBase';
import { languageOfLocale } from '../knowledge/language';
import { errorCodeOf, errorMessageOf } from '../lib/errors';
import type { Logger } from '../lib/logger';
import { shellTexts } from './texts';

/** CloudAdapter that hands an already validated activity to the turn pipeline and returns the invoke response. */
export class HelpdeskAdapter extends CloudAdapter {
  handle(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}

/** The Bot Framework adapter. Without an app id it runs in local mode (no auth). */
export function createAdapter(config: AppConfig, kb: KnowledgeBase, logger: Logger): HelpdeskAdapter {
  const options: ConfigurationBotFrameworkAuthenticationOptions = config.auth
    ? {
        MicrosoftAppId: config.auth.appId,
        MicrosoftAppPassword: config.auth.appPassword,
        MicrosoftAppType: config.auth.appType,
        MicrosoftAppTenantId: config.auth.tenantId,
      }
    : {};
  const adapter = new HelpdeskAdapter(new ConfigurationBotFrameworkAuthentication(options));

  // The one place that handles a failed turn: log a code, show a friendly message.
  adapter.onTurnError = async (context, error: unknown) => {
    logger.error('turn_failed', {
      code: errorCodeOf(error),
      message: errorMessageOf(error),
      conversation: context.activity.conversation?.id,
      channel: context.activity.channelId,
    });
    if (context.activity.type !== 'message') return;
    const language = languageOfLocale(context.activity.locale) ?? 'da';
    try {
      await context.sendActivity(shellTexts[language].turnFailed(kb.contact.phone));
    } catch (sendError: unknown) {
      logger.warn('turn_failed_reply_not_sent', { code: errorCodeOf(sendError) });
    }
  };
  return adapter;
}
