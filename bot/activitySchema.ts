import type { Activity, Attachment, ChannelAccount, ConversationAccount } from 'botbuilder';
import { z } from 'zod';

/**
 * The shape an incoming Bot Framework activity must have before the adapter sees it.
 * Anything else on /api/messages gets a 400 with a clear message, never a 500.
 *
 * Only the fields below reach the bot, each with its type checked (an attachment whose `contentUrl`
 * is a number is a 400 here, not a failed turn later); `toActivity` maps the parsed value to
 * botbuilder's Activity.
 */
const account = z.object({
  id: z.string().min(1).max(512),
  name: z.string().max(512).optional(),
  aadObjectId: z.string().max(128).optional(),
  role: z.string().max(64).optional(),
});
/** Members in a conversationUpdate: Teams may leave out the name. */
const member = account.extend({ id: z.string().max(512) });

const attachment = z.object({
  contentType: z.string().max(256),
  // A data: URL can be as long as the body allows (MAX_BODY_BYTES).
  contentUrl: z.string().optional(),
  content: z.unknown().optional(),
  name: z.string().max(1024).optional(),
  thumbnailUrl: z.string().max(2048).optional(),
});

/** Mentions and other entities: a type, and whatever else the channel puts there. */
const entity = z.object({ type: z.string().max(128) }).passthrough();

/** An ISO 8601 time as channels send it; botbuilder's own HTTP path turns these into Dates too. */
const timestamp = z.string().max(64).optional();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    conversation: z.object({
      id: z.string().min(1).max(512),
      name: z.string().max(512).optional(),
      conversationType: z.string().max(64).optional(),
      isGroup: z.boolean().optional(),
      tenantId: z.string().max(128).optional(),
    }),
    from: account,
    recipient: account.optional(),
    text: z.string().optional(),
    textFormat: z.string().max(32).optional(),
    locale: z.string().max(32).optional(),
    deliveryMode: z.string().max(32).optional(),
    name: z.string().max(256).optional(),
    value: z.unknown().optional(),
    channelData: z.unknown().optional(),
    entities: z.array(entity).max(100).optional(),
    attachments: z.array(attachment).max(10).optional(),
    membersAdded: z.array(member).optional(),
    membersRemoved: z.array(member).optional(),
    replyToId: z.string().max(512).optional(),
    timestamp,
    localTimestamp: timestamp,
    localTimezone: z.string().max(64).optional(),
    action: z.string().max(64).optional(),
    code: z.string().max(64).optional(),
  })
  .refine((a) => a.deliveryMode === 'expectReplies' || (a.serviceUrl !== undefined && /^https?:\/\//.test(a.serviceUrl)), {
    message: 'serviceUrl (http or https) is required unless deliveryMode is "expectReplies"',
    path: ['serviceUrl'],
  });
export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/**
 * The parsed activity as botbuilder's Activity. Fields the Bot Framework schema types as required
 * but channels leave out (a name, the text of a conversationUpdate) become empty strings.
 */
export function toActivity(a: IncomingActivity): Activity {
  return {
    type: a.type,
    id: a.id,
    channelId: a.channelId,
    serviceUrl: a.serviceUrl ?? '',
    conversation: toConversation(a.conversation),
    from: toAccount(a.from),
    recipient: a.recipient ? toAccount(a.recipient) : { id: '', name: '' },
    text: a.text ?? '',
    textFormat: a.textFormat,
    locale: a.locale,
    deliveryMode: a.deliveryMode,
    name: a.name,
    value: a.value,
    channelData: a.channelData,
    entities: a.entities,
    attachments: a.attachments?.map(toAttachment),
    membersAdded: a.membersAdded?.map(toAccount),
    membersRemoved: a.membersRemoved?.map(toAccount),
    replyToId: a.replyToId,
    timestamp: toDate(a.timestamp),
    localTimestamp: toDate(a.localTimestamp),
    localTimezone: a.localTimezone ?? '',
    action: a.action,
    code: a.code,
    // Set by the adapter from the authenticated request.
    callerId: '',
    label: '',
    valueType: '',
    listenFor: [],
  };
}

function toAccount(a: z.infer<typeof member>): ChannelAccount {
  return { id: a.id, name: a.name ?? '', aadObjectId: a.aadObjectId, role: a.role };
}

function toConversation(c: IncomingActivity['conversation']): ConversationAccount {
  return { id: c.id, name: c.name ?? '', conversationType: c.conversationType ?? '', isGroup: c.isGroup ?? false, tenantId: c.tenantId };
}

function toAttachment(a: z.infer<typeof attachment>): Attachment {
  return { contentType: a.contentType, contentUrl: a.contentUrl, content: a.content, name: a.name, thumbnailUrl: a.thumbnailUrl };
}

function toDate(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
