import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { ContactData, Language } from '../../knowledge/schema';
import { commonTexts } from './common.texts';

/** Ends a guided dialog by pointing to a person: support's phone and hours. */
export async function endWithHumanHelp(step: WaterfallStepContext, contact: ContactData, language: Language): Promise<DialogTurnResult> {
  await step.context.sendActivity(commonTexts[language].humanHelp(contact.phone, contact.hours[language]));
  return step.endDialog(undefined);
}
