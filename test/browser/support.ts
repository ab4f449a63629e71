import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page, Request, Response } from 'playwright-core';
import { DEMO_PASSWORD, startTestServer, type TestApp } from '../support/test-app';
import { launchBrowser, type BrowserSession } from './browser';

// The API serves the built web app at `/`; build it first: `npm run build:web`.
const WEB_DIST = resolve(__dirname, '../../apps/web/dist/index.html');

/** Where the browser tests put their screenshots. */
export const RESULTS = resolve(__dirname, '../../test-results');

/** The password of every demo user. */
export const PASSWORD = DEMO_PASSWORD;

export interface TestServer {
  baseUrl: string;
  close(): Promise<void>;
}

export interface BrowserSuite {
  /** The API's origin; it serves the built web app at `/`. */
  readonly baseUrl: string;
  /** Chromium of the suite (or, with `browserPerTest`, of the running test). */
  readonly browser: BrowserSession;
  /** Calls the JSON API (`/api/v1` + path) outside the browser; throws on a status other than 2xx. */
  api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T>;
  /** Signs a demo user in through the API. */
  signIn(username: string): Promise<{ accessToken: string; user: { id: string } }>;
}

export interface BrowserSuiteOptions {
  /** Starts the API; `startTestServer` unless the suite needs the test app itself (see `listen`). */
  start?: () => Promise<TestServer>;
  /** A fresh Chromium profile for every test instead of one for the whole suite. */
  browserPerTest?: boolean;
}

/**
 * Registers the hooks of a browser suite (call it inside `describe`): checks that the web app is built, starts the
 * API, launches headless Chromium and makes the results directory; closes both at the end.
 */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let server: TestServer | undefined;
  let browser: BrowserSession | undefined;

  beforeAll(async () => {
    if (!existsSync(WEB_DIST))
      throw new Error(`${WEB_DIST} is missing: run \`npm run build:web\` before the browser tests`);
    server = await (options.start ?? startTestServer)();
    if (!options.browserPerTest) browser = await launchBrowser();
    await mkdir(RESULTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  if (options.browserPerTest) {
    beforeEach(async () => {
      browser = await launchBrowser();
    });
    afterEach(async () => {
      await browser?.close();
      browser = undefined;
    });
  }

  const suite: BrowserSuite = {
    get baseUrl() {
      if (!server) throw new Error('the test server is not started yet');
      return server.baseUrl;
    },
    get browser() {
      if (!browser) throw new Error('the browser is not launched yet');
      return browser;
    },
    async api<T>(method: string, path: string, token: string | null, body?: unknown): Promise<T> {
      const res = await fetch(`${suite.baseUrl}/api/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    signIn: (username) => suite.api('POST', '/auth/login', null, { username, password: PASSWORD }),
  };
  return suite;
}

/** Starts listening on a random port with an app the suite keeps at hand (to reach its database, say). */
export async function listen(t: TestApp): Promise<TestServer> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, close: () => t.close() };
}

/** A button's accessible name: antd puts a space between the two characters of a two-character label (立 案). */
export const buttonName = (label: string) => new RegExp(`^${[...label].join('\\s?')}$`);

/** Clicks and waits for the API answer to the request it causes. */
export async function clickFor(page: Page, match: (r: Response) => boolean, click: () => Promise<void>) {
  const response = page.waitForResponse(match, { timeout: 30_000 });
  // A dialog still zooming in can take a click meant for its button (seen in CI on a confirm button): wait for the
  // motion to end, and click again when the click sent no request to the API at all (up to three times).
  let apiRequests = 0;
  const count = (r: Request) => {
    if (r.url().includes('/api/')) apiRequests++;
  };
  page.on('request', count);
  try {
    for (let attempt = 1; ; attempt++) {
      await settleMotion(page);
      const before = apiRequests;
      await click();
      const answered = await Promise.race([
        response.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), 3_000)),
      ]);
      if (answered || apiRequests > before || attempt === 3) return await response;
    }
  } finally {
    page.off('request', count);
  }
}

/** Waits (briefly) until no antd zoom animation runs: a dialog moving in takes clicks meant for what it covers. */
async function settleMotion(page: Page): Promise<void> {
  await page
    .locator('.ant-zoom-appear, .ant-zoom-enter, .ant-zoom-leave')
    .first()
    .waitFor({ state: 'detached', timeout: 3_000 })
    .catch(() => undefined);
}

/** Opens an antd Select by its label (within `scope`), optionally types into it, and picks the option with this text. */
export async function pickOption(
  page: Page,
  label: string,
  option: string,
  { type, scope }: { type?: string; scope?: Locator } = {},
) {
  const field = (scope ?? page.locator('body')).getByLabel(label, { exact: true });
  // The select around the field, which shows what was chosen.
  const select = field.locator(
    'xpath=ancestor::div[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  // A click on an option can be lost (the list still animating in, or replaced by search results as it lands): the
  // choice is checked on the select, and made again when it did not stick — two CI runs went on with none.
  for (let attempt = 1; ; attempt++) {
    // A dialog still zooming in moves over the dropdown and takes its clicks: wait until none is animating.
    await settleMotion(page);
    await field.click();
    if (type) await field.fill(type);
    // The field's own dropdown: the one holding the listbox its combobox controls (another may still be open).
    const listId = await field.getAttribute('aria-controls');
    const dropdown = listId
      ? page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) })
      : page.locator('.ant-select-dropdown:visible');
    await dropdown.locator('.ant-select-item-option').filter({ hasText: option }).first().click();
    const chosen = await select
      .locator('.ant-select-selection-item')
      .filter({ hasText: option })
      .first()
      .waitFor({ timeout: 2_000 })
      .then(
        () => true,
        () => false,
      );
    if (chosen || attempt === 3) break;
  }
  // Leave the select, as a user tabbing on would: its dropdown closes (a multiple select's stays open otherwise),
  // and until the closing animation ends it covers what lies beneath — two CI runs clicked a dialog's button
  // through a dropdown still open there.
  await field.blur();
  await page
    .locator('.ant-select-dropdown:visible')
    .first()
    .waitFor({ state: 'hidden', timeout: 2_000 })
    .catch(() => undefined);
}
