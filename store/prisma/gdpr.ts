import type { Prisma } from '.prisma/sqlite-client';

/**
 * The merchant's own conversations (audited as `user:` outside Teams, where staff work; not a chat in
 * which staff looked the merchant up): their ids and bot-state keys ("<channel>/conversations/<id>/").
 */
export async function merchantConversations(
  db: Pick<Prisma.TransactionClient, 'auditEvent' | 'callbackRequest'>,
  customerId: string,
): Promise<{ conversationIds: string[]; stateIds: string[] }> {
  const audited = await db.auditEvent.findMany({ where: { customerId, actor: { startsWith: 'user:' }, channel: { not: 'msteams' }, conversationId: { not: null } }, select: { channel: true, conversationId: true } });
  const called = await db.callbackRequest.findMany({ where: { customerId }, select: { channel: true, conversationId: true } });
  const conversations = [...audited, ...called].flatMap((c) => (c.conversationId ? [{ channel: c.channel, conversationId: c.conversationId }] : []));
  return {
    conversationIds: [...new Set(conversations.map((c) => c.conversationId))],
    stateIds: [...new Set(conversations.map((c) => `${c.channel}/conversations/${c.conversationId}/`))],
  };
}

/** The merchant's callback requests: with its customer ID, or without one in one of its own conversations. */
export function merchantCallbacks(customerId: string, conversationIds: string[]): Prisma.CallbackRequestWhereInput {
  return { OR: [{ customerId }, { customerId: null, conversationId: { in: conversationIds } }] };
}
