import { copyFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { browserSuite, buttonName, clickFor, PASSWORD, pickOption, RESULTS } from './support';

jest.setTimeout(120_000);

const HZ = '杭州市市场监督管理局（杭州市知识产权局）';
const NJ = '南京市市场监督管理局（南京市知识产权局）';

describe('referrals and supervision: refer a case, receive and accept it, see where it travelled (headless Chromium)', () => {
  const suite = browserSuite();
  const { api, signIn } = suite;

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL(/\/(login|workbench)$/);
    if (page.url().endsWith('/workbench')) await logout(page);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.waitForURL('**/workbench');
  }

  async function logout(page: Page): Promise<void> {
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
  }

  /** A trademark case of 杭州 (西湖区), filed: it has its case number and officer.zj may act on it. */
  async function filedCase(title: string): Promise<{ id: string; caseNo: string }> {
    const officer = await signIn('officer.zj');
    const colleague = await signIn('officer2.zj');
    const created = await api<{ id: string; version: number }>('POST', '/cases', officer.accessToken, {
      title,
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: '330106',
      officerIds: [officer.user.id, colleague.user.id],
      parties: [
        { role: 'respondent', kind: 'enterprise', name: '杭州某某贸易有限公司', uscc: '91330106MA2CFXX47J' },
      ],
    });
    return api<{ id: string; caseNo: string }>(
      'POST',
      `/cases/${created.id}/actions/file`,
      officer.accessToken,
      { version: created.version },
    );
  }

  const stepCall = (action: string) => (r: Response) =>
    r.request().method() === 'POST' &&
    /\/api\/v1\/referrals\/[^/]+\/actions\//.test(r.url()) &&
    r.url().endsWith(`/${action}`);

  /** Takes a referral step from the header's buttons through the action dialog. */
  async function step(page: Page, label: string, action: string) {
    await page
      .getByRole('group', { name: '可办理的移送环节' })
      .getByRole('button', { name: buttonName(label) })
      .click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.waitFor();
    const response = await clickFor(page, stepCall(action), () =>
      dialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(response.status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
  }

  it('杭州 refers a case to 南京 by jurisdiction; 南京 receives and accepts it; the case shows its journey', async () => {
    const title = `关于杭州某某贸易有限公司涉嫌侵犯注册商标专用权案（移送测试 ${Date.now()}）`;
    const c = await filedCase(title);
    const { page, errors } = await suite.browser.newPage();

    // 杭州: the case page's 移送 dialog, a jurisdiction transfer to 南京 (玄武区).
    await login(page, 'officer.zj');
    await page.goto(`${suite.baseUrl}/cases/${c.id}`);
    await page.getByRole('heading', { level: 1, name: c.caseNo }).waitFor();
    await page
      .getByRole('group', { name: '可办理的操作' })
      .getByRole('button', { name: buttonName('移送') })
      .click();
    const dialog = page.getByRole('dialog', { name: '移送案件' });
    await dialog.waitFor();
    await dialog.getByText('移送管辖', { exact: true }).click();
    await pickOption(page, '接收机关', NJ, { type: '南京', scope: dialog });
    await pickOption(page, '管辖地区', '玄武区', { type: '玄武', scope: dialog });
    await dialog
      .getByLabel('理由', { exact: true })
      .fill('被请求人住所地在南京市玄武区，侵权行为实施地在南京');
    await dialog
      .getByLabel('法律依据', { exact: true })
      .fill('《市场监督管理行政处罚程序规定》第八条、第十一条');
    await page.screenshot({ path: resolve(RESULTS, 'referral-dialog.png'), animations: 'disabled' });
    const created = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/cases/${c.id}/referrals`),
      () => dialog.getByRole('button', { name: '确认移送' }).click(),
    );
    expect(created.status()).toBe(201);
    const referral = (await created.json()) as { id: string; referralNo: string };
    await page.waitForURL(`**/referrals/${referral.id}`);
    await page.getByRole('heading', { level: 1, name: referral.referralNo }).waitFor();
    await expect(page.getByTestId('referral-state').innerText()).resolves.toBe('已发出');
    expect(await page.getByTestId('referral-kind').innerText()).toBe('移送管辖');
    // The county's name is looked up after the page renders (the code shows meanwhile).
    await page
      .locator('.referral-sections [data-region="320102"]', { hasText: '江苏省南京市玄武区' })
      .waitFor();
    const matter = await page.locator('.referral-sections').innerText();
    expect(matter).toContain('被请求人住所地在南京市玄武区');
    expect(matter).toContain('第八条、第十一条');
    expect(matter).toContain('江苏省南京市玄武区');
    // the sender may withdraw it; receiving it is 南京's step
    const senderSteps = page.getByRole('group', { name: '可办理的移送环节' });
    await senderSteps.getByRole('button', { name: buttonName('撤回') }).waitFor();
    expect(await senderSteps.getByRole('button', { name: buttonName('签收') }).count()).toBe(0);

    // 南京: 移送协作 → the incoming tab lists it; open it, 签收, 接受.
    await logout(page);
    await login(page, 'officer.js');
    await page.locator('#app-nav').getByText('移送协作', { exact: true }).click();
    await page.waitForURL('**/referrals');
    await page.getByRole('heading', { level: 1, name: '移送协作' }).waitFor();
    await expect(page.getByRole('tab', { selected: true }).innerText()).resolves.toContain('收到的移送');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: referral.referralNo }) });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain('移送管辖');
    expect(rowText).toContain(c.caseNo);
    expect(rowText).toContain('已发出');
    expect(rowText).toContain(HZ);
    await page.screenshot({
      path: resolve(RESULTS, 'referrals-list.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await row.getByText('移送管辖').click(); // the whole row opens the referral
    await page.waitForURL(`**/referrals/${referral.id}`);
    await page.getByRole('group', { name: '可办理的移送环节' }).waitFor();
    await page.screenshot({
      path: resolve(RESULTS, 'referral-detail.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await step(page, '签收', 'receive');
    await page.locator('[data-testid="referral-state"][data-state="received"]').waitFor();
    await step(page, '接受', 'accept');
    await page.locator('[data-testid="referral-state"][data-state="closed"]').waitFor();
    await expect(page.getByTestId('referral-state').innerText()).resolves.toBe('已办结');
    const history = await page.getByTestId('referral-events').innerText();
    expect(history).toContain('发起移送：已发出');
    expect(history).toContain('签收：已发出 → 已签收');
    expect(history).toContain('接受：已签收 → 已办结');

    // The case now belongs to 南京 (a new number there); its journey: 杭州, then 南京.
    await page.getByTestId('referral-case-link').click();
    await page.waitForURL(`**/cases/${c.id}`);
    await page.getByRole('heading', { level: 1, name: /^宁知执〔\d{4}〕\d+号$/ }).waitFor();
    await page.getByRole('tab', { name: '移送协作' }).click();
    const travel = page.getByTestId('case-travel');
    await travel.waitFor();
    await travel.getByText('江苏省南京市玄武区').waitFor();
    const journey = await travel.innerText();
    expect(journey.indexOf(HZ)).toBeGreaterThanOrEqual(0);
    expect(journey.indexOf(NJ)).toBeGreaterThan(journey.indexOf(HZ));
    expect(journey).toContain(c.caseNo);
    expect(journey).toContain('接受移送');
    await page.getByRole('link', { name: referral.referralNo }).waitFor();
    await page.screenshot({
      path: resolve(RESULTS, 'case-travel.png'),
      fullPage: true,
      animations: 'disabled',
    });
    for (const shot of [
      'referral-dialog.png',
      'referrals-list.png',
      'referral-detail.png',
      'case-travel.png',
    ])
      await copyFile(resolve(RESULTS, shot), resolve('/tmp', shot)).catch(() => undefined);

    expect(errors).toEqual([]);
    await logout(page);
    await page.close();
  });

  it('a supervised case shows 督办 in the list and on its page, where the office reports progress', async () => {
    const title = `关于杭州某某鞋业有限公司涉嫌侵犯注册商标专用权案（督办测试 ${Date.now()}）`;
    const c = await filedCase(title);
    const supervisor = await signIn('supervisor.zj');
    await api('POST', `/cases/${c.id}/supervision`, supervisor.accessToken, {
      reason: '涉案金额巨大，社会影响较大，列为省局督办案件',
      reportEveryDays: 7,
    });

    const { page, errors } = await suite.browser.newPage();
    await login(page, 'officer.zj');
    await page.goto(`${suite.baseUrl}/cases?q=${encodeURIComponent('督办测试')}`);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: c.caseNo }) });
    await row.waitFor();
    expect(await row.getByTestId('case-supervised').innerText()).toBe('督办');

    await row.getByRole('link', { name: c.caseNo }).click();
    await page.waitForURL(`**/cases/${c.id}`);
    await expect(page.locator('.case-header').getByTestId('case-supervised').innerText()).resolves.toBe(
      '督办',
    );
    const panel = page.getByTestId('supervision-panel');
    await panel.getByText('涉案金额巨大，社会影响较大，列为省局督办案件').waitFor();
    expect(await panel.innerText()).toContain('每 7 日报送一次');
    await panel.getByLabel('办理进展').fill('已完成现场检查，扣押涉嫌侵权商品1200件，正在委托鉴定。');
    const filed = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/cases/${c.id}/supervision/reports`),
      () => panel.getByRole('button', { name: '报送进展' }).click(),
    );
    expect(filed.status()).toBe(201);
    await panel.getByText('进展报告（1）').waitFor();
    await panel.getByText('已完成现场检查，扣押涉嫌侵权商品1200件，正在委托鉴定。').waitFor();
    await page.screenshot({
      path: resolve(RESULTS, 'case-supervision.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await copyFile(resolve(RESULTS, 'case-supervision.png'), '/tmp/case-supervision.png').catch(
      () => undefined,
    );

    expect(errors).toEqual([]);
    await page.close();
  });
});
