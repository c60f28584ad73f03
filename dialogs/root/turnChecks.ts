import type { DialogContext } from 'botbuilder-dialogs';
import type { MatchContext } from '../../knowledge/matching/matcher';
import type { Language } from '../../knowledge/schema';
import { agentOfTurn } from '../agent/agentAccess';
import { agentDeskTexts } from '../agent/agentDesk.texts';
import { commonTexts } from '../shared/common.texts';
import { userIdOf } from '../shared/identity';
import type { ConversationContext, RootState } from './state';

/** A guided flow left alone this long is dropped: the merchant starts fresh instead of landing in an old prompt. */
export const DIALOG_IDLE_MS = 30 * 60_000;

/** Removes control characters (keeps line breaks and tabs) and trims. */
export function cleanText(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g, '').trim();
}

/** The conversation context, while it still holds (`turns` messages after it was set). */
export function conversationContext(state: RootState, turns: number): ConversationContext | undefined {
  return state.context && state.context.age <= turns ? state.context : undefined;
}

/** What the matcher may lean on for the next message: the last answer, while the context holds. */
export function matchContextOf(state: RootState, turns: number): MatchContext {
  const entryId = conversationContext(state, turns)?.entryId;
  return entryId ? { previousEntryId: entryId } : {};
}

/**
 * What every message passes before it is read: a flow idle too long is dropped, the context ages by one
 * message, and a running flow only goes on for the user who may answer it. Returns whether the message
 * was stopped here (a reply has then been sent).
 */
export async function checkTurn(inner: DialogContext, state: RootState, now: number, language: Language): Promise<boolean> {
  if (inner.activeDialog && now - (state.lastMessageAt ?? now) > DIALOG_IDLE_MS) await inner.cancelAllDialogs();
  if (state.lastMessageAt !== undefined && now - state.lastMessageAt > DIALOG_IDLE_MS) delete state.context;
  state.lastMessageAt = now;
  if (state.context) state.context.age += 1;
  if (!inner.activeDialog) return false;
  if (state.dialogByAgent && !agentOfTurn(inner.context)) {
    // An agent's flow for a caller whose agent was removed meanwhile (or the database cannot tell): stop, change nothing.
    state.dialogByAgent = false;
    await inner.cancelAllDialogs();
    await inner.context.sendActivity(agentDeskTexts[language].noLongerAgent);
    return true;
  }
  if (state.dialogOwner !== undefined && state.dialogOwner !== userIdOf(inner.context)) {
    // Group chat: someone else's flow is running; nobody may answer its prompts for them.
    await inner.context.sendActivity(commonTexts[language].someoneElsesFlow);
    return true;
  }
  return false;
}
