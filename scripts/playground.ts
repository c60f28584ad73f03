import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../bot/config';
import { readPlaygroundMock } from '../bot/playgroundMock';
import { errorMessageOf } from '../lib/errors';

/**
 * `npm run playground`: the Microsoft 365 Agents Playground (the local Teams test client, channel
 * `msteams`) against the local bot.
 *
 * - Starts the bot (bot/main.ts through tsx, same environment) unless one already answers `/healthz` on `PORT`.
 * - Starts the Playground on http://localhost:56150 with the mock Teams data in
 *   `appPackage/m365agentsplayground.yml` (bot name "DIBS Helpdesk", users, group chat, team and channel).
 * - Extra arguments go to the Playground: `npm run playground -- --port 56151`.
 * - Ctrl+C stops the Playground, and the bot if this script started it.
 *
 * The Playground's own settings come from its environment: `TEAMSAPPTESTER_PORT` (UI port),
 * `TEAMSAPPTESTER_BROWSER=none` (do not open a browser), `M365_AGENTS_PLAYGROUND_CONFIG_PATH`,
 * `M365_AGENTS_PLAYGROUND_LOGFILE` (default here: data/m365agentsplayground.log).
 */
const root = path.resolve(__dirname, '..');
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitForBot(url: string, bot: ChildProcess): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (bot.exitCode !== null) throw new Error(`the bot exited with code ${bot.exitCode} before it answered on ${url}`);
    if (await healthy(url)) return;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error(`the bot did not answer on ${url}/healthz within 60 seconds`);
}

/** How to make the Playground's signed-in mock user a phone agent (README: The phone-agent demo in the Playground). */
function phoneAgentHint(file: string): string | undefined {
  try {
    const { currentUser } = readPlaygroundMock(file);
    return `Phone-agent demo: npm run agents -- add ${currentUser.aadObjectId} "${currentUser.name}" (once), then "kunde 100001" in the personal chat.`;
  } catch (error: unknown) {
    return undefined; // the Playground reports a broken file in its log
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const botUrl = `http://${host}:${config.port}`;
  const playgroundArgs = process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--'));
  if (config.auth && !playgroundArgs.some((a) => a === '--client-id' || a === '--cid')) {
    process.stderr.write(
      'MicrosoftAppId is set: the bot will reject the Playground\'s requests, which carry no Bot Framework token.\n' +
        'Unset MicrosoftAppId/MicrosoftAppPassword for local testing, or pass --client-id, --client-secret and --tenant-id.\n',
    );
  }

  let bot: ChildProcess | undefined;
  if (await healthy(botUrl)) {
    process.stdout.write(`Using the bot already running on ${botUrl}\n`);
  } else {
    process.stdout.write(`Starting the bot on ${botUrl} …\n`);
    // As `npm run dev` (tsx), without the restify deprecation warning `npm start` also hides.
    bot = spawn(process.execPath, ['--disable-warning=DEP0111', '--import', 'tsx', 'bot/main.ts'], { cwd: root, stdio: 'inherit', env: process.env });
    await waitForBot(botUrl, bot);
  }

  const logFile = process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? path.join(root, 'data', 'm365agentsplayground.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const env = {
    ...process.env,
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: process.env.M365_AGENTS_PLAYGROUND_CONFIG_PATH ?? path.join(root, 'appPackage', 'm365agentsplayground.yml'),
    M365_AGENTS_PLAYGROUND_LOGFILE: logFile,
  };
  const args = ['--app-endpoint', `${botUrl}/api/messages`, '--channel-id', 'msteams', '--disable-telemetry', ...playgroundArgs];
  const agentHint = phoneAgentHint(env.M365_AGENTS_PLAYGROUND_CONFIG_PATH);
  if (agentHint) process.stdout.write(`${agentHint}\n`);
  const playground = spawn(bin('agentsplayground'), args, { cwd: root, stdio: 'inherit', env });

  const stop = (signal: NodeJS.Signals): void => {
    playground.kill(signal);
    bot?.kill(signal);
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  playground.once('exit', (code) => {
    // The Playground writes start-up errors (e.g. an invalid config file) only to its log file.
    if (code !== 0 && code !== null) process.stderr.write(`The Playground exited with code ${code}; see ${logFile}\n`);
    if (bot && bot.exitCode === null) {
      bot.once('exit', () => process.exit(code ?? 0));
      bot.kill('SIGTERM');
    } else {
      process.exit(code ?? 0);
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`playground: ${errorMessageOf(error)}\n`);
  process.exit(1);
});
