import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app';
import { browserSuite, listen, PASSWORD, RESULTS } from './support';

jest.setTimeout(120_000);

describe('inbox: live bell, inbox page, notification settings (headless Chromium)', () => {
  let t: TestApp;
  let userId: string;
  // Like the other suites, but keeping the database at hand to deliver messages directly.
  const suite = browserSuite({
    start: async () => {
      t = await createTestApp({ WEB_DIST: 'apps/web/dist' });
      return listen(t);
    },
  });

  beforeAll(async () => {
    userId = (await t.db.sql(`SELECT id FROM users WHERE username = 'officer.zj'`))[0].id as string;
  });

  /** What the worker's inbox sender does: insert the message and NOTIFY in one transaction. */
  async function deliver(title: { zh: string; en: string }, link: string | null): Promise<string> {
    const [row] = await t.db.sql(
      `WITH m AS (
         INSERT INTO inbox_messages (user_id, topic, title_zh, title_en, body_zh, body_en, link)
         VALUES ($1, 'deadline.due_soon', $2, $3, '请在期限届满前处理。', 'Please act before the deadline.', $4)
         RETURNING id, user_id)
       SELECT m.id::text, pg_notify('inbox_messages', m.user_id::text || ':' || m.id::text) FROM m`,
      [userId, title.zh, title.en, link],
    );
    return row.id as string;
  }

  async function login(page: Page): Promise<void> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL(/\/(login|workbench)$/);
    if (page.url().endsWith('/workbench')) await logout(page); // a session left by a failed test
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill('officer.zj');
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.waitForURL('**/workbench');
  }

  async function logout(page: Page): Promise<void> {
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const bellCount = (page: Page, n: number) =>
    page.locator(`[data-testid="inbox-bell"][data-unread="${n}"]`).waitFor();

  it('shows a new message in the bell at once, opens it from the inbox page, and marks it read', async () => {
    const { page, errors } = await suite.browser.newPage();
    await login(page);
    const bell = page.getByTestId('inbox-bell');
    await bellCount(page, 0);
    expect(await bell.getAttribute('aria-label')).toBe('消息，没有未读');
    // the live stream is connected before anything is delivered
    await page.locator('[data-testid="inbox-bell"][data-live="true"]').waitFor();

    await deliver({ zh: '立案期限即将届满', en: 'Filing deadline approaching' }, '/workbench');
    await bellCount(page, 1); // no reload: the stream pushed it
    expect(await bell.getAttribute('aria-label')).toBe('消息，1 条未读');
    await page.getByRole('status').filter({ hasText: '收到新消息：立案期限即将届满' }).waitFor();

    await deliver({ zh: '案件已移送', en: 'Case referred' }, null);
    await bellCount(page, 2);

    // The bell's menu with the keyboard: Enter opens it, the latest messages are listed.
    await bell.focus();
    await page.keyboard.press('Enter');
    const items = page.getByTestId('inbox-bell-item');
    await items.filter({ hasText: '案件已移送' }).waitFor();
    expect(await items.count()).toBe(2);
    await page.getByRole('menuitem', { name: '查看全部消息' }).click();
    await page.waitForURL('**/inbox');
    await page.getByRole('heading', { level: 1, name: '消息' }).waitFor();

    const rows = page.getByTestId('inbox-item');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    expect(await page.locator('[data-testid="inbox-item"][data-unread="true"]').count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('案件已移送'); // newest first
    expect(await rows.nth(0).innerText()).toContain('未读');

    // A message without a link is marked read where it is.
    await rows.nth(0).getByRole('button', { name: '案件已移送', exact: true }).click();
    await until(
      async () => (await page.locator('[data-testid="inbox-item"][data-unread="true"]').count()) === 1,
    );
    await bellCount(page, 1);

    // Unread only, kept in the URL.
    await page.locator('label').filter({ hasText: '仅看未读' }).click();
    await page.waitForURL(/unread=1/);
    await until(() => page.getByRole('radio', { name: '仅看未读' }).isChecked());
    await until(async () => (await rows.count()) === 1);
    await page.screenshot({ path: resolve(RESULTS, 'inbox.png'), fullPage: true, animations: 'disabled' });

    // A message with a link opens it (and is marked read).
    await rows.nth(0).getByRole('button', { name: '立案期限即将届满', exact: true }).press('Enter');
    await page.waitForURL('**/workbench');
    await bellCount(page, 0);
    const [{ n }] = await t.db.sql(
      `SELECT count(*)::int AS n FROM inbox_messages WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    expect(n).toBe(0);

    // Mark all read from the bell (after the navigation the stream must be live again before delivering).
    await page.locator('[data-testid="inbox-bell"][data-live="true"]').waitFor();
    await deliver({ zh: '超期督办', en: 'Escalated' }, null);
    await bellCount(page, 1);
    await bell.click();
    await page.getByRole('menuitem', { name: '全部标为已读' }).click();
    await bellCount(page, 0);
    await logout(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets the officer choose channels per topic from the user menu; the choice is kept', async () => {
    const { page, errors } = await suite.browser.newPage();
    await login(page);
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '通知设置' }).click();
    await page.waitForURL('**/settings/notifications');
    await page.getByRole('heading', { level: 1, name: '通知设置' }).waitFor();

    const email = page.getByRole('checkbox', { name: '期限即将届满：通过电子邮件接收' });
    await email.waitFor();
    expect(await email.isChecked()).toBe(true);
    await email.focus();
    await page.keyboard.press('Space');
    await page.getByText('已保存：期限即将届满').waitFor();
    expect(await email.isChecked()).toBe(false);
    await page.screenshot({
      path: resolve(RESULTS, 'notification-settings.png'),
      fullPage: true,
      animations: 'disabled',
    });

    await page.reload();
    await page.getByRole('checkbox', { name: '期限即将届满：通过站内消息接收' }).waitFor();
    expect(await page.getByRole('checkbox', { name: '期限即将届满：通过电子邮件接收' }).isChecked()).toBe(
      false,
    );
    const [pref] = await t.db.sql(
      `SELECT channels FROM notification_preferences WHERE user_id = $1 AND topic = 'deadline.due_soon'`,
      [userId],
    );
    expect(pref.channels).toEqual(['inbox']);
    await logout(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
