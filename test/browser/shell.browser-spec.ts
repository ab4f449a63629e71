import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, PASSWORD, RESULTS } from './support';

jest.setTimeout(120_000);

describe('web shell (headless Chromium)', () => {
  const suite = browserSuite();

  /** Open the app (it redirects to /login), sign in with the keyboard, return the display name the API sent. */
  async function login(page: Page, username: string, password: string): Promise<string> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(password);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
      page.getByLabel('密码', { exact: true }).press('Enter'),
    ]);
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { user: { displayName: string } };
    await page.waitForURL('**/workbench');
    return body.user.displayName;
  }

  async function logout(page: Page): Promise<void> {
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: /退出登录|Log out/ }).click();
    await page.waitForURL('**/login');
  }

  it('shows the problem message when the password is wrong', async () => {
    const { page, errors } = await suite.browser.newPage();
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').and(page.locator(':focus')).waitFor(); // autofocus

    await page.getByLabel('用户名').fill('officer.zj');
    await page.getByLabel('密码', { exact: true }).fill('not-the-password');
    await page.getByLabel('密码', { exact: true }).press('Enter');

    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    expect((await alert.innerText()).trim().length).toBeGreaterThan(0);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets an officer in: name in the header, cases but no administration, English switch', async () => {
    const { page, errors } = await suite.browser.newPage();
    const displayName = await login(page, 'officer.zj', PASSWORD);

    await expect(page.getByTestId('current-user').innerText()).resolves.toBe(displayName);
    const nav = page.locator('#app-nav');
    await nav.getByText('案件办理', { exact: true }).waitFor();
    expect(await nav.getByText('系统管理').count()).toBe(0);

    await page.getByText('English', { exact: true }).click();
    await nav.getByText('Cases', { exact: true }).waitFor();
    expect(await nav.getByText('案件办理').count()).toBe(0);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    // back to Chinese for the next test (the choice is kept in localStorage)
    await page.getByText('中文', { exact: true }).click();
    await nav.getByText('案件办理', { exact: true }).waitFor();
    await logout(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lets an admin open Administration → Users and see officer.zj', async () => {
    const { page, errors } = await suite.browser.newPage();
    const displayName = await login(page, 'admin', PASSWORD);
    await expect(page.getByTestId('current-user').innerText()).resolves.toBe(displayName);

    const nav = page.locator('#app-nav');
    await nav.getByText('系统管理', { exact: true }).click();
    await nav.getByText('用户管理', { exact: true }).click();
    await page.waitForURL('**/admin/users');
    await page.getByRole('heading', { level: 1, name: '用户管理' }).waitFor();
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'officer.zj', exact: true }) })
      .waitFor();

    await page
      .locator('.ant-spin-spinning')
      .first()
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    await page.screenshot({ path: resolve(RESULTS, 'shell.png'), fullPage: true, animations: 'disabled' });
    await logout(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the admin the audit log with the sign-ins of this run', async () => {
    const { page, errors } = await suite.browser.newPage();
    await login(page, 'admin', PASSWORD);
    await page.goto(`${suite.baseUrl}/admin/audit?action=auth.login`);
    await page.getByRole('heading', { level: 1, name: '审计日志' }).waitFor();
    const rows = page
      .getByRole('row')
      .filter({ has: page.getByRole('cell', { name: 'auth.login', exact: true }) });
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThanOrEqual(2); // officer.zj and admin signed in above
    await page.screenshot({ path: resolve(RESULTS, 'audit.png'), fullPage: true, animations: 'disabled' });
    await logout(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the admin pages for partner webhooks and the delivery monitor', async () => {
    const { page, errors } = await suite.browser.newPage();
    await login(page, 'admin', PASSWORD);
    const nav = page.locator('#app-nav');
    await nav.getByText('系统管理', { exact: true }).click();
    // The submenu opens with a height animation; a click during it can miss (seen once in CI): wait for it to end.
    await nav.locator('.ant-menu-submenu-open > .ant-menu-sub:not([class*="motion"])').waitFor();
    await nav.getByText('投递监控', { exact: true }).click();
    await page.waitForURL('**/admin/deliveries');
    await page.getByRole('heading', { level: 1, name: '通知投递监控' }).waitFor();
    await page.getByText('notify-inbox').waitFor(); // queue counts came from Redis
    await page.getByText('投递失败（死信）').waitFor();
    await page.screenshot({
      path: resolve(RESULTS, 'deliveries.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await nav.getByText('推送接口', { exact: true }).click();
    await page.waitForURL('**/admin/webhooks');
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await logout(page);
    expect(errors).toEqual([]);
    await page.close();
  });
});
