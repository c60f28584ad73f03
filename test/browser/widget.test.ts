import fs from 'node:fs';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startBot, type RunningBot } from '../helpers/server';
import { MailSink } from '../helpers/mailSink';
import { pdfBytes } from '../helpers/documents';
import { tempDir } from '../helpers/tmp';

/**
 * The website widget in a real browser: Debian's headless Chromium (driven by playwright-core) on the
 * demo page of the real server, talking to the real bot through the local Direct Line endpoint.
 * Screenshots go to test-artifacts/; the unlock one is also the README's docs/widget.png (written when
 * missing, or with UPDATE_SCREENSHOTS=1).
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.resolve(__dirname, '..', '..', 'test-artifacts');
const DOCS_SCREENSHOT = path.resolve(__dirname, '..', '..', 'docs', 'widget.png');
const WAIT_MS = 45_000;

// A missing browser fails the run (always in CI). Only a developer may opt out, explicitly.
const skip = !fs.existsSync(CHROMIUM) && process.env.SKIP_BROWSER_TESTS === '1' && !process.env.CI;
const describeBrowser = skip ? describe.skip : describe;

jest.setTimeout(150_000);

let bot: RunningBot;
let sink: MailSink;

beforeAll(async () => {
  if (skip) return;
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing. Install it (apt-get install -y --no-install-recommends chromium), or set SKIP_BROWSER_TESTS=1 outside CI.`);
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  sink = await new MailSink().start();
  bot = await startBot({ SMTP_URL: sink.url });
});

afterAll(async () => {
  for (const context of browsers.values()) await (await context).close().catch(() => undefined);
  await bot?.stop();
  await sink?.stop();
});

interface BrowserPage {
  page: Page;
  /** Console errors and CSP violations seen by the page. */
  problems: string[];
}

/** One headless Chromium per browser language, each with a fresh profile (shared by the tests in that language). */
const browsers = new Map<string, Promise<BrowserContext>>();
function browserFor(locale: string): Promise<BrowserContext> {
  let context = browsers.get(locale);
  if (!context) {
    context = chromium.launchPersistentContext(tempDir('chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      locale,
      viewport: { width: 1280, height: 820 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    browsers.set(locale, context);
  }
  return context;
}

/** A new tab on the demo page, in a browser whose language is `locale`. */
async function openPage(locale: string): Promise<BrowserPage> {
  const page = await (await browserFor(locale)).newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(`${bot.url}/`);
  return { page, problems };
}

const transcript = (page: Page) => page.locator('.webchat__basic-transcript');

/**
 * Waits until the transcript shows a message matching `text`. (Web Chat renders Markdown with
 * typographic quotes, so patterns use `.` where the bot's text has an apostrophe.)
 */
async function expectBotSays(page: Page, text: RegExp): Promise<void> {
  try {
    await transcript(page).getByText(text).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: WAIT_MS });
  } catch (error: unknown) {
    // Keep what the browser showed, and say what the transcript held.
    await page.screenshot({ path: path.join(ARTIFACTS, `failed-${Date.now()}.png`) }).catch(() => undefined);
    const shown = await transcript(page).innerText({ timeout: 1000 }).catch(() => '(no transcript)');
    throw new Error(`The widget never showed ${String(text)}. Transcript:\n${shown.slice(-1500)}`, { cause: error });
  }
}

async function say(page: Page, text: string): Promise<void> {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  await input.fill(text);
  await input.press('Enter');
}

async function clickSuggestedAction(page: Page, title: string): Promise<void> {
  await page.locator('.webchat__suggested-action', { hasText: new RegExp(`^\\s*${title}\\s*$`) }).last().click({ timeout: WAIT_MS });
}

async function openWidget(page: Page, welcome: RegExp): Promise<void> {
  await page.locator('.dibs-chat-launcher').click();
  await page.locator('#dibs-chat-panel').waitFor({ state: 'visible', timeout: WAIT_MS });
  await expectBotSays(page, welcome);
}

async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(ARTIFACTS, name);
  await page.waitForTimeout(1000); // let Web Chat finish scrolling to the newest message
  await page.screenshot({ path: file });
  return file;
}

function cspViolations(problems: string[]): string[] {
  return problems.filter((p) => /Content Security Policy|Refused to/i.test(p));
}

describeBrowser('website widget in headless Chromium', () => {
  it('answers an FAQ question in Danish and unlocks merchant 100001 with the mailed code', async () => {
    const { page, problems } = await openPage('da-DK');
    expect(await page.locator('h1').textContent()).toBe('Hjælp til din DIBS-løsning – med det samme');
    expect(await page.locator('.dibs-chat-launcher').textContent()).toContain('Chat med os');
    await screenshot(page, 'widget-closed-da.png');

    await openWidget(page, /Hej, jeg er DIBS. support-bot/);
    // Suggested actions render as buttons.
    await page.locator('.webchat__suggested-action', { hasText: 'Kodeord og login' }).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).toMatch(/Skriv/);

    await say(page, 'Hvorfor er min konto låst?');
    await expectBotSays(page, /Din DIBS-konto bliver automatisk låst op efter 30 minutter/);
    await expectBotSays(page, /Hvad er dit kunde-ID\?/);

    await say(page, '100001');
    await expectBotSays(page, /har jeg nu sendt en 6-cifret engangskode/);
    await say(page, sink.lastCodeFor('kontakt@nordicbikes.dk'));
    await expectBotSays(page, /Skal jeg låse den op nu\?/);

    await clickSuggestedAction(page, 'Ja');
    await expectBotSays(page, /Din konto er låst op, og de mislykkede loginforsøg er nulstillet/);

    const merchant = await bot.store.findMerchant('100001');
    expect(merchant).toMatchObject({ lockedUntil: null, failedLoginAttempts: 0 });
    const shot = await screenshot(page, 'widget-unlock-da.png');
    // The README's picture: written when missing, or on request (so a test run leaves the tree clean).
    if (!fs.existsSync(DOCS_SCREENSHOT) || process.env.UPDATE_SCREENSHOTS === '1') fs.copyFileSync(shot, DOCS_SCREENSHOT);
    expect(cspViolations(problems)).toEqual([]);
    // The activities reached the bot on the webchat channel, in Danish.
    expect(bot.logs.some((l) => l.includes('"event":"turn"') && l.includes('"channel":"webchat"') && l.includes('"language":"da"'))).toBe(true);
  });

  it('is in English when the browser is English', async () => {
    const { page, problems } = await openPage('en-US');
    expect(await page.locator('h1').textContent()).toBe('Help with your DIBS solution – right away');
    expect(await page.locator('.dibs-chat-launcher').textContent()).toContain('Chat with us');

    await openWidget(page, /Hi, I.m the DIBS support bot/);
    expect(await page.locator('[data-id="webchat-sendbox-input"]').getAttribute('placeholder')).toMatch(/Type your message/);
    expect(await page.locator('.dibs-chat-close').getAttribute('aria-label')).toBe('Close the chat');

    await say(page, 'What must my password contain?');
    await expectBotSays(page, /Your password must contain/);
    await screenshot(page, 'widget-faq-en.png');
    expect(cspViolations(problems)).toEqual([]);
  });

  it('uploads the company document for an e-mail change with the upload button', async () => {
    const { page, problems } = await openPage('da-DK');
    await openWidget(page, /Hej, jeg er DIBS. support-bot/);

    await say(page, 'jeg skal have ændret login mail');
    await expectBotSays(page, /Jeg kan også oprette sagen for dig her i chatten\. Skal jeg det\?/);
    await clickSuggestedAction(page, 'Ja');
    await expectBotSays(page, /Hvad er dit kunde-ID\?/);
    await say(page, '100002');
    await expectBotSays(page, /har jeg nu sendt en 6-cifret engangskode/);
    await say(page, sink.lastCodeFor('ordre@hyggehome.dk'));
    await expectBotSays(page, /Hvilken e-mailadresse skal dit login fremover være knyttet til\?/);
    await say(page, 'bogholderi@hyggehome.dk');
    await expectBotSays(page, /Skal login-e-mailen ændres til/); // (the address is rendered as a mailto: link)
    await clickSuggestedAction(page, 'Ja');
    await expectBotSays(page, /Vedhæft et dokument/);

    await page.locator('input.webchat__upload-button--file-input').setInputFiles({ name: 'faktura.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
    await expectBotSays(page, /Din sag har nummeret EC-\d{8}-[A-Z0-9]{6}/);

    const [request] = await bot.store.listEmailChangeRequests({ customerId: '100002' });
    expect(request).toMatchObject({ status: 'pending', newEmail: 'bogholderi@hyggehome.dk', documentMime: 'application/pdf', documentSize: pdfBytes.length });
    expect(sink.mailsTo('support@dibs.dk').at(-1)!.raw).toMatch(/filename=faktura\.pdf/);
    await screenshot(page, 'widget-upload-da.png');
    expect(cspViolations(problems)).toEqual([]);
  });
});
