import { z } from 'zod';

/**
 * The shape an incoming Bot Framework activity must have before the adapter sees it.
 * Anything else on /api/messages gets a 400 with a clear message, never a 500.
 */
const account = z.object({ id: z.string().min(1).max(512), name: z.string().max(512).optional(), aadObjectId: z.string().max(128).optional() }).passthrough();

export const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    channelId: z.string().min(1).max(64),
    serviceUrl: z.string().max(2048).optional(),
    conversation: z.object({ id: z.string().min(1).max(512) }).passthrough(),
    from: account,
    recipient: account.optional(),
    text: z.string().optional(),
    locale: z.string().max(32).optional(),
    deliveryMode: z.string().max(32).optional(),
    attachments: z.array(z.object({ contentType: z.string().max(256) }).passthrough()).max(10).optional(),
  })
  .passthrough()
  .refine((a) => a.deliveryMode === 'expectReplies' || (a.serviceUrl !== undefined && /^https?:\/\//.test(a.serviceUrl)), {
    message: 'serviceUrl (http or https) is required unless deliveryMode is "expectReplies"',
    path: ['serviceUrl'],
  });
export type IncomingActivity = z.infer<typeof incomingActivitySchema>;
