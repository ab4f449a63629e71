import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { browserSuite, buttonName, clickFor, PASSWORD, pickOption, RESULTS } from './support';

jest.setTimeout(120_000);

const HZ = '杭州市市场监督管理局（杭州市知识产权局）';
const NJ = '南京市市场监督管理局（南京市知识产权局）';

interface ComplaintView {
  id: string;
  trackingNo: string;
  version: number;
}

describe('complaint referrals: 杭州 transfers a complaint to 南京, which accepts and takes it over (headless Chromium)', () => {
  const suite = browserSuite();
  const { api, signIn } = suite;

  /** Signs in on the login page (signing the current user out first). */
  async function signInAs(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL(/\/(login|workbench)$/);
    if (page.url().endsWith('/workbench')) {
      await page.getByTestId('current-user').click();
      await page.getByRole('menuitem', { name: '退出登录' }).click();
      await page.waitForURL('**/login');
    }
    await page.getByLabel('用户名').fill(username);
    const password = page.getByLabel('密码', { exact: true });
    await password.fill(PASSWORD);
    await password.press('Enter');
    await page.waitForURL('**/workbench');
  }

  /** A trademark complaint about 西湖区 against a 南京 firm, triaged to 杭州市局 (officer.zj's office). */
  async function triagedComplaint(): Promise<ComplaintView> {
    const operator = await signIn('operator.zj');
    const offices = await api<{ items: { id: string; name: string }[] }>(
      'GET',
      `/offices?q=${encodeURIComponent(HZ)}`,
      operator.accessToken,
    );
    const hz = offices.items.find((o) => o.name === HZ);
    if (!hz) throw new Error(`${HZ} is not among the offices`);
    const created = await api<ComplaintView>('POST', '/complaints', operator.accessToken, {
      channel: 'phone',
      category: 'complaint',
      complainantName: '张三',
      complainantPhone: '13800138000',
      respondentName: '南京某某贸易有限公司',
      respondentUscc: '91320102MA1X4B7Y2H',
      ipType: 'trademark',
      rightNumber: '1234567',
      regionCode: '330106',
      description: `网店销售假冒注册商标的茶叶，经营者住所地在南京市玄武区（移送测试 ${Date.now()}）`,
    });
    return api<ComplaintView>('POST', `/complaints/${created.id}/actions/triage`, operator.accessToken, {
      version: created.version,
      officeId: hz.id,
    });
  }

  it('the complaint page refers it by jurisdiction; 南京 accepts the referral and handles the complaint', async () => {
    const c = await triagedComplaint();
    const { page, errors } = await suite.browser.newPage();

    // 杭州: 移送 on the complaint page, a jurisdiction transfer to 南京.
    await signInAs(page, 'officer.zj');
    await page.goto(`${suite.baseUrl}/complaints/${c.id}`);
    await page.getByRole('heading', { level: 1, name: c.trackingNo }).waitFor();
    const actions = page.getByRole('group', { name: '可办理的操作' });
    await actions.getByRole('button', { name: buttonName('受理') }).waitFor();
    await actions.getByRole('button', { name: buttonName('移送') }).click();
    const dialog = page.getByRole('dialog', { name: '移送工单' });
    await dialog.waitFor();
    // a complaint is referred by jurisdiction or assistance only
    expect(await dialog.getByRole('radio').count()).toBe(2);
    await dialog.getByText('移送管辖', { exact: true }).click();
    // Search first and wait for the answer, so the option is not clicked in a list that the answer replaces.
    const office = dialog.getByLabel('接收机关', { exact: true });
    await clickFor(
      page,
      (r) => r.url().includes('/api/v1/offices?') && new URL(r.url()).searchParams.get('q') === '南京',
      async () => {
        await office.click();
        await office.fill('南京');
      },
    );
    await pickOption(page, '接收机关', NJ, { scope: dialog });
    await dialog.locator(`.ant-select-content[title="${NJ}"]`).waitFor();
    await dialog.getByLabel('理由', { exact: true }).fill('被投诉人住所地在南京市玄武区，由南京市局处理');
    await dialog.getByLabel('法律依据', { exact: true }).fill('《市场监督管理投诉举报处理暂行办法》第十二条');
    await page.screenshot({
      path: resolve(RESULTS, 'complaint-referral-dialog.png'),
      animations: 'disabled',
    });
    const created = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/complaints/${c.id}/referrals`),
      () => dialog.getByRole('button', { name: '确认移送' }).click(),
    );
    expect(created.status()).toBe(201);
    const referral = (await created.json()) as { id: string; referralNo: string };

    // The referral's page: the complaint (a link), no evidence section.
    await page.waitForURL(`**/referrals/${referral.id}`);
    await page.getByRole('heading', { level: 1, name: referral.referralNo }).waitFor();
    await expect(page.getByTestId('referral-state').innerText()).resolves.toBe('已发出');
    expect(await page.getByTestId('referral-kind').innerText()).toBe('移送管辖');
    const matter = await page.locator('.referral-sections').innerText();
    expect(matter).toContain('被投诉人住所地在南京市玄武区');
    expect(matter).toContain('第十二条');
    expect(matter).not.toContain('随案移送的证据');
    const complaintLink = page.getByTestId('referral-complaint-link');
    expect(await complaintLink.innerText()).toContain(c.trackingNo);

    // Back on the complaint: the open transfer holds every decision; the referral is listed.
    await complaintLink.click();
    await page.waitForURL(`**/complaints/${c.id}`);
    await page.getByTestId('complaint-transfer-open').getByText(referral.referralNo).waitFor();
    const listed = page.getByTestId('complaint-referrals');
    await listed.getByRole('link', { name: referral.referralNo }).waitFor();
    expect(await listed.innerText()).toContain(NJ);
    expect(await page.getByRole('button', { name: buttonName('受理') }).count()).toBe(0);

    // 南京: reads the complaint by the referral (no actions), then accepts the referral.
    await signInAs(page, 'officer.js');
    await page.goto(`${suite.baseUrl}/complaints/${c.id}`);
    await page.getByRole('heading', { level: 1, name: c.trackingNo }).waitFor();
    await page.getByTestId('complaint-granted').getByText(referral.referralNo).waitFor();
    expect(await page.getByRole('group', { name: '可办理的操作' }).count()).toBe(0);

    await page.goto(`${suite.baseUrl}/referrals/${referral.id}`);
    await page.getByRole('heading', { level: 1, name: referral.referralNo }).waitFor();
    await page
      .getByRole('group', { name: '可办理的移送环节' })
      .getByRole('button', { name: buttonName('接受') })
      .click();
    const accept = page.getByRole('dialog', { name: '接受' });
    await accept.waitFor();
    const accepted = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/referrals/${referral.id}/actions/accept`),
      () => accept.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(accepted.status()).toBe(200);
    await page.locator('[data-testid="referral-state"][data-state="closed"]').waitFor();

    // The complaint is now 南京's: same tracking number, its own actions, the referral in its record.
    await page.getByTestId('referral-complaint-link').click();
    await page.waitForURL(`**/complaints/${c.id}`);
    await page.getByRole('heading', { level: 1, name: c.trackingNo }).waitFor();
    await page.locator('.complaint-header').getByText(NJ).waitFor();
    await page
      .getByRole('group', { name: '可办理的操作' })
      .getByRole('button', { name: buttonName('受理') })
      .waitFor();
    expect(await page.getByTestId('complaint-granted').count()).toBe(0);
    const record = page.getByTestId('complaint-referrals');
    await record.getByText('已办结').waitFor();
    expect(await record.innerText()).toContain(referral.referralNo);
    await page.screenshot({
      path: resolve(RESULTS, 'complaint-referred.png'),
      fullPage: true,
      animations: 'disabled',
    });

    expect(errors).toEqual([]);
    await page.close();
  });
});
