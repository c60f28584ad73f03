import { z } from 'zod';

/**
 * What the development-only local Direct Line endpoint accepts (bot/web/localDirectLine.ts).
 * Only these fields reach the bot; everything about the conversation (ids, channel, user) is set
 * by the endpoint itself.
 */

/** A BCP 47 language tag as Web Chat sends it (da-DK, en-US, en). */
export const localeSchema = z
  .string()
  .trim()
  .max(32)
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag like da-DK or en-US');

/** POST /tokens/generate, POST /conversations and POST /api/directline/token: all optional. */
export const startConversationSchema = z
  .object({
    user: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional() }).passthrough().optional(),
    locale: localeSchema.optional(),
  })
  .passthrough();
export type StartConversationBody = z.infer<typeof startConversationSchema>;

const attachmentSchema = z
  .object({
    contentType: z.string().min(1).max(256),
    contentUrl: z.string().max(16 * 1024 * 1024).optional(),
    name: z.string().max(256).optional(),
    content: z.unknown().optional(),
    thumbnailUrl: z.string().max(256 * 1024).optional(),
  })
  .strip();

/** An activity posted by the client (POST /conversations/:id/activities, and the `activity` part of an upload). */
export const clientActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    text: z.string().max(100_000).optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: localeSchema.optional(),
    name: z.string().max(256).optional(),
    value: z.unknown().optional(),
    from: z.object({ id: z.string().max(256).optional(), name: z.string().max(256).optional(), role: z.string().max(32).optional() }).passthrough().optional(),
    channelData: z.record(z.unknown()).optional(),
    entities: z.array(z.record(z.unknown())).max(20).optional(),
    attachments: z.array(attachmentSchema).max(10).optional(),
    localTimestamp: z.string().max(64).optional(),
    localTimezone: z.string().max(64).optional(),
  })
  .strip();
export type ClientActivity = z.infer<typeof clientActivitySchema>;

/** GET /conversations/:id/activities?watermark= : empty or a number we handed out. */
export const watermarkSchema = z
  .string()
  .regex(/^\d{0,15}$/, 'must be a watermark returned by this endpoint')
  .transform((v) => (v === '' ? 0 : Number(v)));

/** Conversation ids this endpoint hands out. Anything else is simply not found. */
export const conversationIdSchema = z.string().regex(/^local-[A-Za-z0-9_-]{8,64}$/);

/** The replies of an expectReplies turn (the invoke response body). */
export const expectRepliesBodySchema = z.object({ activities: z.array(z.record(z.unknown())) }).passthrough();
