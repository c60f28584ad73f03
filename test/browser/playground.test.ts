import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startBot, type RunningBot } from '../helpers/server';
import { realKnowledge } from '../helpers/knowledge';
import { tempDir } from '../helpers/tmp';

/**
 * The bot in the Microsoft 365 Agents Playground (the local Teams client of `npm run playground`), in
 * Debian's headless Chromium (driven by playwright-core, as the widget's browser test): the real bot
 * in-process, `scripts/playground.ts` started as `npm run playground` starts it (it finds the bot
 * already running on PORT and starts only the Playground, on a free port, without opening a browser),
 * and a personal chat in the Playground's web UI. Screenshots go to test-artifacts/; the personal-chat
 * one is also the README's docs/playground.png (written when missing, or with UPDATE_SCREENSHOTS=1).
 */
const CHROMIUM = '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const DOCS_SCREENSHOT = path.join(ROOT, 'docs', 'playground.png');
const WAIT_MS = 45_000;

// A missing browser fails the run (always in CI). Only a developer may opt out, explicitly.
const skip = !fs.existsSync(CHROMIUM) && process.env.SKIP_BROWSER_TESTS === '1' && !process.env.CI;
const describeBrowser = skip ? describe.skip : describe;

jest.setTimeout(150_000);

const kb = realKnowledge();
const PASSWORD = kb.entry('password-requirements')!;
const FOLLOW_UPS = PASSWORD.followUps.map((id) => kb.title(kb.entry(id)!, 'da'));
/** The password rules: the answer's "- " lines. */
const RULES = PASSWORD.answer.da
  .split('\n')
  .filter((line) => line.startsWith('- '))
  .map((line) => line.slice(2).trim());

let bot: RunningBot;
let playground: { process: ChildProcess; url: string; output: string[] } | undefined;
let browser: Browser;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `npm run playground -- --port <free port>` against the bot already running on PORT; resolves with the Playground's address. */
async function startPlayground(botPort: number): Promise<{ process: ChildProcess; url: string; output: string[] }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'playground.ts'), '--port', String(port)], {
    cwd: ROOT,
    // Its own process group, so that stopping it stops the Playground it started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(botPort),
      TEAMSAPPTESTER_BROWSER: 'none',
      M365_AGENTS_PLAYGROUND_LOGFILE: path.join(tempDir('playground'), 'm365agentsplayground.log'),
    },
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the Playground did not start:\n${output.join('')}`)), WAIT_MS);
    const onData = (chunk: Buffer): void => {
      output.push(chunk.toString());
      // "Listening on <port>" (the Playground takes another port if this one was taken meanwhile).
      const match = /Listening on (\d+)/.exec(output.join(''));
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the Playground exited with ${code}:\n${output.join('')}`));
    });
  });
  expect(output.join('')).toContain(`Using the bot already running on http://127.0.0.1:${botPort}`);
  // It tells how to try agent mode with the Playground's mock user.
  expect(output.join('')).toContain('Phone-agent demo: npm run agents -- add 00000000-0000-0000-0000-000000000020 "Alex Wilber"');
  return { process: child, url, output };
}

async function stopPlayground(): Promise<void> {
  const child = playground?.process;
  if (!child?.pid || child.exitCode !== null) return;
  let timer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    timer = setTimeout(resolve, 5000);
  });
  process.kill(-child.pid, 'SIGTERM');
  await exited;
  clearTimeout(timer);
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid, 'SIGKILL');
}

beforeAll(async () => {
  if (skip) return;
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it (apt-get install -y --no-install-recommends chromium), or set SKIP_BROWSER_TESTS=1 outside CI.`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  bot = await startBot();
  playground = await startPlayground(Number(new URL(bot.url).port));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await stopPlayground();
  await bot?.stop();
});

/** The Playground's chat (the personal chat is open at the start). */
async function openPlayground(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'da-DK' });
  await page.goto(`${playground!.url}/`);
  // The Playground installs the bot and opens the personal chat: the welcome is the first message.
  await expectShown(page, /Hej, jeg er DIBS. support-bot/);
  return page;
}

async function expectShown(page: Page, text: RegExp | string): Promise<void> {
  try {
    await page.getByText(text).first().waitFor({ state: 'visible', timeout: WAIT_MS });
  } catch (error: unknown) {
    await page.screenshot({ path: path.join(ARTIFACTS, `playground-failed-${Date.now()}.png`) }).catch(() => undefined);
    const shown = await page.locator('body').innerText({ timeout: 1000 }).catch(() => '(no page)');
    throw new Error(`The Playground never showed ${String(text)}. Page:\n${shown.slice(-2500)}`, { cause: error });
  }
}

async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-lexical-editor="true"]');
  await input.click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describeBrowser('the bot in the Microsoft 365 Agents Playground, in headless Chromium', () => {
  it('a personal chat shows the password rules as a list and the follow-up questions as buttons that can be clicked', async () => {
    const page = await openPlayground();
    await say(page, 'Hvad skal mit password indeholde?');
    await expectShown(page, 'Dit password skal indeholde:');

    // The rules are one list, an item each, each on its own line (not "…indeholde: - 8 tegn - minimum…").
    const list = page.locator('ul', { has: page.locator('li', { hasText: RULES[0]! }) });
    const items = list.locator('li');
    expect(RULES).toHaveLength(4);
    try {
      await items.first().waitFor({ state: 'visible', timeout: 5000 });
    } catch (error: unknown) {
      const shown = await page.getByText('Dit password skal indeholde:').first().innerText();
      throw new Error(`The password rules are not a list. The message shows:\n${shown}`, { cause: error });
    }
    expect((await items.allInnerTexts()).map((t) => t.trim())).toEqual(RULES);
    const tops = await Promise.all((await items.all()).map(async (item) => (await item.boundingBox())!.y));
    for (let i = 1; i < tops.length; i++) expect(tops[i]!).toBeGreaterThan(tops[i - 1]!);
    // The line after the list is a paragraph of its own, below the last rule.
    const after = page.getByText(/^Dit password må ligeledes ikke indeholde/);
    expect((await after.boundingBox())!.y).toBeGreaterThan(tops.at(-1)!);

    // The follow-ups: buttons on the answer's one card, with "Hjalp det?" and 👍/👎, their titles in full (wrapped, not cut off).
    const card = page.locator('.ac-adaptiveCard', { hasText: 'Hjalp det?' }).last();
    await card.waitFor({ state: 'visible', timeout: WAIT_MS });
    for (const title of [...FOLLOW_UPS, '👍 Ja', '👎 Nej']) await card.getByRole('button', { name: title }).waitFor({ state: 'visible', timeout: 5000 });
    for (const title of FOLLOW_UPS) {
      const label = card.getByRole('button', { name: title }).getByText(title, { exact: true });
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    }
    const shot = path.join(ARTIFACTS, 'playground-personal-da.png');
    await page.waitForTimeout(500);
    await page.screenshot({ path: shot });
    // The README's picture: written when missing, or on request (so a test run leaves the tree clean).
    if (!fs.existsSync(DOCS_SCREENSHOT) || process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, DOCS_SCREENSHOT);

    // A click asks the follow-up question: its answer comes.
    await card.getByRole('button', { name: FOLLOW_UPS[0]! }).click();
    const next = kb.entry(PASSWORD.followUps[0]!)!.answer.da.split(/['"]/)[0]!.trim();
    await expectShown(page, next);
    expect(bot.logs.filter((l) => l.includes('"event":"turn"') && l.includes('"channel":"msteams"') && l.includes('"entry":"password-change"'))).toHaveLength(1);
  });
});
