import { CardFactory, type Attachment } from 'botbuilder';
import type { MerchantOverview } from '../../accounts/agentDesk';
import type { PendingEmailChange } from '../../accounts/emailChangeReview';
import type { AgentChecklist } from '../../knowledge/agentChecklist';
import type { Language } from '../../knowledge/schema';
import { maskEmail } from '../../lib/logger';
import { formatDate, formatTime } from '../shared/format';
import { merchantCardTexts } from './MerchantCardDialog.texts';
import { reviewTexts } from './ReviewEmailChangesDialog.texts';

/**
 * Adaptive Cards (v1.5) for phone agents in Teams. E-mail addresses are always masked. Each button
 * submits `{ command }`, which the bot reads exactly like the typed command (agentRouting). Not Teams'
 * `imBack`: the Agents Playground ignores it, and in a channel an imBack click is a message without the
 * @mention the bot needs.
 */

type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
}

function card(body: CardElement[], actions?: CardElement[]): Attachment {
  const content: AdaptiveCard = { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions ? { actions } : {}) };
  return CardFactory.adaptiveCard(content);
}

/** A button that sends `command` as if the agent had typed it. */
export function commandButton(title: string, command: string): CardElement {
  return { type: 'Action.Submit', title, data: { command } };
}

const text = (value: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: value, wrap: true, ...extra });

/** Keeps free text short on a card. */
function clip(value: string, max: number): string {
  const oneLine = value.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/** The merchant card: company, masked e-mails, lock state, open cases, the caller checklist and the actions. */
export function merchantCard(overview: MerchantOverview, checklist: AgentChecklist, language: Language, timeZone: string): Attachment {
  const t = merchantCardTexts[language];
  const { merchant } = overview;
  const when = (date: Date): string => `${formatDate(date, language, timeZone)} ${formatTime(date, language, timeZone)}`;
  const cases = [
    ...overview.pendingEmailChanges.map((c) => t.card.emailChangeCase(c.caseNumber, maskEmail(c.newEmail), when(c.createdAt))),
    ...overview.openCallbacks.map((c) => t.card.callbackCase(c.caseNumber, clip(c.topic, 80), when(c.createdAt))),
  ];
  const id = merchant.customerId;
  return card(
    [
      text(merchant.companyName, { size: 'Large', weight: 'Bolder' }),
      text(t.card.customerId(id), { isSubtle: true, spacing: 'None' }),
      {
        type: 'FactSet',
        facts: [
          { title: t.card.loginEmail, value: maskEmail(merchant.loginEmail) },
          { title: t.card.infoEmail, value: maskEmail(merchant.infoEmail) },
          { title: t.card.account, value: overview.lockedUntil ? t.card.lockedUntil(formatTime(overview.lockedUntil, language, timeZone), formatDate(overview.lockedUntil, language, timeZone)) : t.card.notLocked },
          { title: t.card.failedLogins, value: String(merchant.failedLoginAttempts) },
        ],
      },
      text(t.card.openCases, { weight: 'Bolder', spacing: 'Medium' }),
      ...(cases.length > 0 ? cases.map((c) => text(`• ${c}`, { spacing: 'Small' })) : [text(t.card.noOpenCases, { isSubtle: true })]),
      {
        type: 'Container',
        style: 'emphasis',
        spacing: 'Medium',
        items: [text(t.card.checklistTitle, { weight: 'Bolder' }), ...checklist.items.map((item) => text(`☐ ${item[language]}`, { spacing: 'Small' })), text(t.card.checklistHint, { isSubtle: true, size: 'Small' })],
      },
    ],
    [
      commandButton(t.buttons.callerVerified, `${t.buttons.callerVerified} ${id}`),
      commandButton(t.buttons.unlock, `${t.buttons.unlock} ${id}`),
      commandButton(t.buttons.changeEmail, `${t.buttons.changeEmail} ${id}`),
      commandButton(t.buttons.transactionStatus, `${t.buttons.transactionStatus} ${id}`),
    ],
  );
}

/** Sizes as people read them: "84 KB", "1.2 MB". */
export function formatSize(bytes: number, language: Language): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  const mb = (bytes / (1024 * 1024)).toLocaleString(language === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 });
  return `${mb} MB`;
}

/** The pending e-mail changes, each with "show document", "approve" and "reject". */
export function pendingEmailChangesCard(cases: PendingEmailChange[], total: number, language: Language, timeZone: string): Attachment {
  const t = reviewTexts[language];
  return card(
    [
      text(t.summary(cases.length, total), { weight: 'Bolder', size: 'Medium' }),
      ...cases.map(({ request, companyName }, i): CardElement => ({
        type: 'Container',
        separator: i > 0,
        spacing: 'Medium',
        items: [
          text(t.caseTitle(request.caseNumber, companyName, request.customerId), { weight: 'Bolder' }),
          {
            type: 'FactSet',
            facts: [
              { title: t.caseFacts.newEmail, value: maskEmail(request.newEmail) },
              { title: t.caseFacts.created, value: `${formatDate(request.createdAt, language, timeZone)} ${formatTime(request.createdAt, language, timeZone)}` },
              { title: t.caseFacts.document, value: `${request.documentName} (${formatSize(request.documentSize, language)})` },
            ],
          },
          {
            type: 'ActionSet',
            actions: [
              commandButton(t.buttons.document, `${t.commands.document} ${request.caseNumber}`),
              commandButton(t.buttons.approve, `${t.commands.approve} ${request.caseNumber}`),
              commandButton(t.buttons.reject, `${t.commands.reject} ${request.caseNumber}`),
            ],
          },
        ],
      })),
    ],
  );
}
