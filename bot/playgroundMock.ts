import fs from 'node:fs';
import { load } from 'js-yaml';
import { z } from 'zod';
import { aadObjectIdSchema } from '../accounts/agents';
import { AppError, errorMessageOf } from '../lib/errors';

/**
 * The Microsoft 365 Agents Playground's mock Teams data (`appPackage/m365agentsplayground.yml`), the
 * part the bot relies on: the signed-in mock user, who can be made a phone agent for a local demo
 * (`npm run agents -- add <its aadObjectId> "<name>"`), and the other users. Their ids are Entra object
 * ids (GUIDs), as in Teams, so that `npm run agents` takes them.
 */
const mockUserSchema = z.object({ name: z.string().min(1), aadObjectId: aadObjectIdSchema }).passthrough();

export const playgroundMockSchema = z
  .object({
    tenantId: aadObjectIdSchema,
    currentUser: mockUserSchema,
    users: z.array(mockUserSchema),
  })
  .passthrough();
export type PlaygroundMock = z.infer<typeof playgroundMockSchema>;

/** Reads and checks the Playground's mock data; a problem names the file and the field. */
export function readPlaygroundMock(file: string): PlaygroundMock {
  let raw: unknown;
  try {
    raw = load(fs.readFileSync(file, 'utf8'));
  } catch (error: unknown) {
    throw new AppError('CONFIG_INVALID', `The Agents Playground's mock data ${file} cannot be read: ${errorMessageOf(error)}`, { cause: error });
  }
  const parsed = playgroundMockSchema.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('CONFIG_INVALID', `The Agents Playground's mock data ${file} is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

/**
 * Who may be a phone agent in local mode (no Bot Framework auth, so no token says who is talking):
 * in development only the Playground's signed-in mock user, and only once it is in the agents table.
 * A real agent's object id (say, with a copy of the production database) gives no powers there.
 * Undefined (the table alone decides) with Bot Framework auth, where the token does, and in tests,
 * which register their own agents. A missing or broken file leaves no agents at all (fail closed).
 */
export function localAgentIds(localAgents: { playgroundFile: string } | undefined, onProblem: (message: string) => void): ReadonlySet<string> | undefined {
  if (!localAgents) return undefined;
  try {
    return new Set([readPlaygroundMock(localAgents.playgroundFile).currentUser.aadObjectId]);
  } catch (error: unknown) {
    onProblem(errorMessageOf(error));
    return new Set();
  }
}
