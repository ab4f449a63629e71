import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** System Chromium (Debian package `chromium`); playwright-core downloads no browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface BrowserSession {
  context: BrowserContext;
  /** a fresh tab; page errors (uncaught exceptions) are collected in `errors` */
  newPage(): Promise<{ page: Page; errors: Error[] }>;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a throwaway profile directory, in China Standard Time and zh-CN like the officers' PCs.
 * Each call gets its own profile, so sessions (localStorage refresh token) never leak between suites.
 */
export async function launchBrowser(): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'ipe-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1366, height: 820 },
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async newPage() {
      const page = await context.newPage();
      const errors: Error[] = [];
      page.on('pageerror', (error) => errors.push(error));
      return { page, errors };
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
