/**
 * End-to-end harness: the Microsoft 365 Agents Playground (a Teams-like web client plus a
 * mock Bot Framework connector) driven in headless Chromium through playwright-core.
 *
 * Playground facts this relies on (version 0.2.x):
 * - CLI `agentsplayground -e <bot>/api/messages -c msteams -p <port>`; it prints
 *   "Listening on <port>" and falls back to a random port when <port> is taken.
 * - Its mock connector is `<url>/_connector`; the bot replies there (serviceUrl in activities).
 * - Teams context (bot name, users, the team and its one extra channel) comes from
 *   `.m365agentsplayground.yml` (or M365_AGENTS_PLAYGROUND_CONFIG_PATH).
 * - In a channel, the composer at the top starts a post; a bot sees the post only when it
 *   @mentions it; replies land in the post's thread (a `.fui-Card[role=group]`).
 *   Bot-initiated (proactive) posts appear as new threads authored by the bot.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startRampart, type RunningRampart } from '../../src/bootstrap';
import { startSimulator, simulatorEnvironment, type RunningSimulator } from '../../src/simulator';
import { createLogger } from '../../src/logger';

const ROOT = path.resolve(__dirname, '..', '..');
/** Where screenshots go (git-ignored). */
export const ARTIFACTS_DIR = path.join(ROOT, 'test-artifacts');
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** A running Playground. */
export interface RunningPlayground {
  /** The web client, e.g. http://localhost:56150 */
  url: string;
  port: number;
  /** The mock Bot Framework connector the bot talks back to. */
  connectorUrl: string;
  /** Everything the CLI printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://localhost:3978/api/messages */
  botEndpoint: string;
  /** Port for the web client; default: a free port (56150 is what `npm start` uses). */
  port?: number;
  /** The mock Teams context; default: the repository's .m365agentsplayground.yml. */
  configPath?: string;
  /** How long to wait for the web client to answer, in ms. */
  startTimeoutMs?: number;
}

/** Null when Chromium can run the e2e tests, else the reason to skip them. */
export function chromiumMissingReason(): string | null {
  return fs.existsSync(CHROMIUM_PATH)
    ? null
    : `${CHROMIUM_PATH} is absent (install the Debian package "chromium"; CI does), so the Playground e2e tests are skipped`;
}

/** A TCP port nobody listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function httpOk(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get(url, (res) => {
      res.resume();
      resolve((res.statusCode ?? 500) < 500);
    });
    req.on('error', () => resolve(false));
    req.setTimeout(2000, () => req.destroy());
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends a signal to the child's whole process group (it runs detached as the group leader). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/** Options for a whole session: Rampart + Playground + browser, in one call. */
export interface SessionOptions {
  /** Settings for Rampart, layered over the test defaults (temp DATA_DIR, no BOT_ID, no poller). */
  env?: Record<string, string>;
  /** The channel to open; default SOC. */
  channel?: string;
}

/** Rampart, the Playground and a browser on the channel, driven one thread at a time. */
export interface PlaygroundSession {
  page: Page;
  rampartUrl: string;
  playgroundUrl: string;
  /** Posts "@Rampart <text>" in the channel; that post's thread becomes the current thread. */
  mention(text: string): Promise<void>;
  /** Waits for a card matching `match` in the current thread (the page before any mention); returns its text. */
  waitForCard(match: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Clicks the button titled `title` on the newest card of the current thread that has it. */
  clickCardButton(title: string | RegExp): Promise<void>;
  /** Saves a screenshot of the page: a bare name goes to test-artifacts/<name>.png, a path as given. */
  screenshot(fileOrName: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts the Playground CLI from node_modules against a bot (`botEndpoint`) and resolves once the
 * web client serves; or, given no `botEndpoint`, a whole session (Rampart, Playground, browser).
 */
export function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground>;
export function startPlayground(options: SessionOptions): Promise<PlaygroundSession>;
export function startPlayground(options: PlaygroundOptions | SessionOptions): Promise<RunningPlayground | PlaygroundSession> {
  return 'botEndpoint' in options ? startPlaygroundProcess(options) : startPlaygroundSession(options);
}

/** Starts Rampart in-process, the Playground against it and Chromium on the channel. */
export async function startPlaygroundSession(options: SessionOptions = {}): Promise<PlaygroundSession> {
  // Loaded here so the bare harness does not pull the whole bot in.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bare Playground harness must not load the bot
  const { startRampart } = require('../../src/bootstrap') as typeof import('../../src/bootstrap');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-e2e-'));
  const cleanups: (() => Promise<void>)[] = [async () => fs.rmSync(dataDir, { recursive: true, force: true })];
  const stop = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const rampart = await startRampart({
      port: 0,
      env: { RAMPART_LOCAL: 'true', DATA_DIR: dataDir, LOG_LEVEL: 'warn', BOT_ID: '', POLL_INTERVAL_SECONDS: '0', ...(options.env ?? {}) },
    });
    cleanups.push(() => rampart.stop());
    const playground = await startPlaygroundProcess({ botEndpoint: `${rampart.url}/api/messages` });
    cleanups.push(() => playground.stop());
    const browser = await openBrowser();
    cleanups.push(() => browser.close());
    const { page } = browser;
    await page.goto(playground.url);
    await openChannel(page, options.channel ?? 'SOC');
    let current: Locator | undefined;
    return {
      page,
      rampartUrl: rampart.url,
      playgroundUrl: playground.url,
      mention: async (text) => {
        current = await postMention(page, text);
      },
      waitForCard: async (match, timeoutMs) => (await waitForCard(current ?? page, match, timeoutMs)).innerText(),
      clickCardButton: async (title) => {
        const scope = current ?? page.locator('body');
        const card = scope.locator('.ac-adaptiveCard').filter({ has: page.getByRole('button', { name: title }) }).last();
        await clickCardButton(card, title);
      },
      screenshot: async (fileOrName) => {
        if (!fileOrName.includes('/')) return saveScreenshot(page, fileOrName.replace(/\.png$/, ''));
        fs.mkdirSync(path.dirname(fileOrName), { recursive: true });
        if (current) await current.scrollIntoViewIfNeeded();
        await page.screenshot({ path: fileOrName });
        return fileOrName;
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startPlaygroundProcess(options: PlaygroundOptions): Promise<RunningPlayground> {
  const requested = options.port ?? (await freePort());
  const cli = require.resolve('@microsoft/m365agentsplayground/cli.js');
  const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-playground-'));
  const child = spawn(
    process.execPath,
    // --dt: no telemetry (there is no internet here, and a test run is not usage).
    [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(requested), '--dt'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: options.configPath ?? path.join(ROOT, '.m365agentsplayground.yml'),
        // Its default log file is ./devTools/m365agentsplayground.log inside the repository.
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(logDir, 'm365agentsplayground.log'),
      },
    },
  );
  let output = '';
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      signalGroup(child, 'SIGTERM');
      const killed = await Promise.race([exited(child).then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      if (!killed) {
        signalGroup(child, 'SIGKILL');
        await exited(child);
      }
    }
    fs.rmSync(logDir, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 30_000);
  let port: number | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    // The CLI may have fallen back to a random port: trust what it says it listens on.
    const listening = /Listening on (\d+)/.exec(output);
    if (listening) {
      port = Number(listening[1]);
      if (await httpOk(`http://localhost:${port}/`)) {
        const url = `http://localhost:${port}`;
        return { url, port, connectorUrl: `${url}/_connector`, output: () => output, stop };
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await stop();
  throw new Error(`the Agents Playground did not start (port ${port ?? requested}, exit ${child.exitCode}):\n${output}`);
}

/** A headless Chromium with one page, on a fresh profile. */
export interface PlaygroundBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Launches Debian's Chromium headless through playwright-core, on a fresh user-data dir. */
export async function openBrowser(options: { viewport?: { width: number; height: number } } = {}): Promise<PlaygroundBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: options.viewport ?? { width: 1400, height: 1000 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Opens a Teams channel of the mock team (default: SOC) and waits for its composer. */
export async function openChannel(page: Page, channel = 'SOC'): Promise<void> {
  // Tree items are labelled "<team name> - <channel name>".
  await page.getByRole('treeitem', { name: new RegExp(` - ${escapeRegExp(channel)}$`) }).click();
  await page.getByRole('button', { name: 'Post', exact: true }).waitFor();
}

/** Opens a chat in the left rail: "Personal Chat" (one-to-one with the bot) or the group chat by name. */
export async function openChat(page: Page, name = 'Personal Chat'): Promise<void> {
  await page.getByRole('treeitem', { name, exact: true }).click();
  await page.getByRole('button', { name: 'Send Message' }).last().waitFor();
}

/** Every thread (top-level post with its replies) in the open channel. */
export function threads(page: Page): Locator {
  return page.locator('div[role="group"].fui-Card');
}

/** The thread whose text contains `text` (the newest such one when there are several). */
export function threadWith(page: Page, text: string): Locator {
  return threads(page).filter({ hasText: text }).first();
}

/**
 * Starts a post in the open channel that @mentions the bot, then `text`, as an analyst does in
 * Teams (type "@", pick the bot from the menu). Returns the new post's thread.
 */
export async function postMention(page: Page, text: string, botName = 'Rampart'): Promise<Locator> {
  // Mark the threads already there: the new one is the unmarked thread (posts are listed
  // newest first, and an older thread may contain the same words, e.g. "help" on a card).
  await threads(page).evaluateAll((els) => els.forEach((el) => el.setAttribute('data-e2e-seen', '1')));
  const before = await threads(page).count();
  const composer = page.locator('div[contenteditable="true"][role="textbox"]').first();
  await composeMention(page, composer, botName, text);
  await page.getByRole('button', { name: 'Post', exact: true }).click();
  await waitUntil(async () => (await threads(page).count()) > before, 10_000, `the post "${text}" to appear`);
  return page.locator('div[role="group"].fui-Card:not([data-e2e-seen])').filter({ hasText: text }).first();
}

/**
 * Types "@<bot> <text>" into a composer and checks what it holds before it is sent: the mention
 * pill (without it the Playground never delivers the post to the bot, and a test would wait for
 * a reply that cannot come) followed by the whole text. A composer that missed a keystroke is
 * cleared and typed again, at most twice; the third miss fails with what the composer held.
 */
async function composeMention(page: Page, composer: Locator, botName: string, text: string): Promise<void> {
  let held = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    await composer.click();
    if (attempt > 0) {
      await page.keyboard.press('Control+A');
      await page.keyboard.press('Backspace');
    }
    await page.keyboard.type('@');
    await page.getByRole('listbox', { name: 'Typeahead menu' }).getByRole('menuitem', { name: botName }).click();
    await composer.locator('span.mention', { hasText: botName }).waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
    await page.keyboard.type(` ${text}`);
    const mention = await composer.locator('span.mention', { hasText: botName }).count();
    held = (await composer.innerText()).replace(/\s+/g, ' ').trim();
    if (mention === 1 && held === `${botName} ${text}`.replace(/\s+/g, ' ').trim()) return;
  }
  throw new Error(`the composer did not hold "@${botName} ${text}" after three tries; it held "${held}"`);
}

/** Types a reply into a thread's own reply box and sends it (mention the bot with `mention`). */
export async function replyInThread(page: Page, thread: Locator, text: string, mention?: string): Promise<void> {
  await thread.locator('div[contenteditable="true"][role="textbox"]').click();
  if (mention) {
    await page.keyboard.type('@');
    await page.getByRole('listbox', { name: 'Typeahead menu' }).getByRole('menuitem', { name: mention }).click();
    await page.keyboard.type(' ');
  }
  await page.keyboard.type(text);
  await thread.getByRole('button', { name: 'Send Message' }).click();
}

/** Sends a message in the open chat (personal or group); no mention needed in a personal chat. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  const box = page.locator('div[contenteditable="true"][role="textbox"]').last();
  await box.click();
  await page.keyboard.type(text);
  await page.getByRole('button', { name: 'Send Message' }).last().click();
}

/** Waits for an Adaptive Card containing `text` inside `scope` (a thread, or the page); returns it. */
export async function waitForCard(scope: Locator | Page, text: string | RegExp, timeoutMs = 15_000): Promise<Locator> {
  const card = scope.locator('.ac-adaptiveCard').filter({ hasText: text }).last();
  try {
    await card.waitFor({ state: 'visible', timeout: timeoutMs });
  } catch (err) {
    // Say what was there instead: an error reply, a question, or nothing at all.
    const whole = 'goto' in scope ? scope.locator('body') : scope;
    const seen = await whole.innerText({ timeout: 2000 }).catch(() => '(the scope could not be read)');
    throw new Error(`${(err as Error).message}\nno card matching ${String(text)} within ${timeoutMs} ms; the scope showed:\n${seen.slice(-3000)}`);
  }
  return card;
}

/** Clicks a card button (Action.Submit / Action.Execute / ShowCard) by its title. */
export async function clickCardButton(card: Locator, title: string | RegExp): Promise<void> {
  await card.getByRole('button', { name: title }).first().click();
}

/** Saves a screenshot of the page (or one element) to test-artifacts/<name>.png; returns the path. */
export async function saveScreenshot(target: Page | Locator, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await target.screenshot({ path: file });
  return file;
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Rampart behind the Playground with a browser on it, and the simulator it calls when the suite needs Defender. */
export interface PlaygroundWorld {
  sim?: RunningSimulator;
  rampart: RunningRampart;
  playground: RunningPlayground;
  browser: PlaygroundBrowser;
  dataDir: string;
  /** The last `n` lines Rampart logged (info and above), for failure messages. */
  logTail: (n?: number) => string;
}

export interface PlaygroundWorldOptions {
  /** The data folder's prefix in the temporary directory. */
  name: string;
  /** Start the simulator (slow machine actions, no rate limits) and wire Rampart to it as `npm start` does: self-approval allowed. */
  simulator?: boolean;
  /** Settings beside the Playground's own (no BOT_ID, local, poller off unless set here). */
  env?: Record<string, string>;
  viewport?: { width: number; height: number };
}

/**
 * A suite's `before`: skips the suite when Chromium is missing, otherwise starts the simulator
 * (when asked), Rampart without BOT_ID (the Playground's traffic is unauthenticated, as in
 * `npm start`), the Playground and a browser. Stop it with `stopPlaygroundWorld`.
 */
export async function startPlaygroundWorld(suite: Mocha.Context, o: PlaygroundWorldOptions, world: Partial<PlaygroundWorld> = {}): Promise<PlaygroundWorld> {
  const missing = chromiumMissingReason();
  if (missing) {
    process.stdout.write(`  skipping the Playground e2e tests: ${missing}\n`);
    suite.skip();
  }
  // Filled in as each part starts, so the suite's `after` stops what started before a failure.
  world.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${o.name}-`));
  const sim = o.simulator ? (world.sim = await startSimulator({ port: 0, actionDelaysMs: { toInProgress: 300, toSucceeded: 1500 }, rateLimits: false })) : undefined;
  const defender = sim
    ? { RAMPART_ENV: 'playground', ...simulatorEnvironment(sim.info), DEFENDER_PORTAL_URL: `${sim.info.url}/portal`, ALLOW_SELF_APPROVAL: 'true' }
    : {};
  // Rampart's log at info level, kept in memory: a test that waits in vain for a reply says what Rampart did meanwhile.
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      if (lines.length > 400) lines.splice(0, lines.length - 400);
      done();
    },
  });
  world.logTail = (n = 60) => lines.slice(-n).join('\n');
  const logger = createLogger({ level: 'info', pretty: false, destination });
  const rampart = (world.rampart = await startRampart({ port: 0, logger, env: { DATA_DIR: world.dataDir, LOG_LEVEL: 'warn', BOT_ID: '', RAMPART_LOCAL: 'true', POLL_INTERVAL_SECONDS: '0', ...defender, ...o.env } }));
  world.playground = await startPlayground({ botEndpoint: `${rampart.url}/api/messages` });
  world.browser = await openBrowser({ viewport: o.viewport });
  return world as PlaygroundWorld;
}

/** A suite's `after`: stops whatever `startPlaygroundWorld` got to start and removes the data folder. */
export async function stopPlaygroundWorld(world: Partial<PlaygroundWorld> | undefined): Promise<void> {
  await world?.browser?.close();
  await world?.playground?.stop();
  await world?.rampart?.stop();
  await world?.sim?.stop();
  if (world?.dataDir) fs.rmSync(world.dataDir, { recursive: true, force: true });
}
