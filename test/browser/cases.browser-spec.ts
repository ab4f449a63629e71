import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Page, Response } from 'playwright-core';
import { browserSuite, buttonName, clickFor, PASSWORD, pickOption, RESULTS } from './support';

jest.setTimeout(120_000);

/** A tiny but valid PNG (1×1, transparent). */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);

describe('case handling: list, detail, workflow actions, evidence, timeline (headless Chromium)', () => {
  const suite = browserSuite();
  const { api, signIn } = suite;

  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL('**/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.waitForURL('**/workbench');
  }

  const actionCall = (action: string) => (r: Response) =>
    r.request().method() === 'POST' &&
    /\/api\/v1\/cases\/[^/]+\/actions\//.test(r.url()) &&
    r.url().endsWith(`/${action}`);

  /** Opens the action's dialog from the header button and confirms it; returns the API's status. */
  async function act(
    page: Page,
    label: string,
    action: string,
    fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>,
  ) {
    await page
      .getByRole('group', { name: '可办理的操作' })
      .getByRole('button', { name: buttonName(label) })
      .click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.waitFor();
    if (fill) await fill(dialog);
    const response = await clickFor(page, actionCall(action), () =>
      dialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(response.status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
  }

  it('takes a trademark penalty case from the list through filing, evidence, decision and closing', async () => {
    const officer = await signIn('officer.zj');
    const colleague = await signIn('officer2.zj');
    const title = `关于杭州某某贸易有限公司涉嫌侵犯“西湖龙井”注册商标专用权案（浏览器测试 ${Date.now()}）`;
    const created = await api<{ id: string; regNo: string; version: number }>(
      'POST',
      '/cases',
      officer.accessToken,
      {
        title,
        ipType: 'trademark',
        procedure: 'penalty_trademark',
        source: 'ex_officio',
        regionCode: '330106',
        officerIds: [officer.user.id, colleague.user.id],
        parties: [
          {
            role: 'respondent',
            kind: 'enterprise',
            name: '杭州某某贸易有限公司',
            uscc: '91330106MA2CFXX47J',
          },
          {
            role: 'claimant',
            kind: 'individual',
            name: '张三',
            idNumber: '11010519491231002X',
            phone: '13800138000',
          },
        ],
        rights: [{ number: '1234567', title: '西湖龙井', holder: '杭州西湖龙井茶协会' }],
      },
    );
    const regNumber = `DJ${created.regNo}`;

    const { page, errors } = await suite.browser.newPage();
    await login(page, 'officer.zj');

    // The workbench lists the case among mine.
    await page.getByTestId('workbench-mine').getByRole('link', { name: regNumber }).waitFor();

    // The case list: search by title, find the row, open it.
    await page.locator('#app-nav').getByText('案件办理', { exact: true }).click();
    await page.waitForURL('**/cases');
    await page.getByRole('heading', { level: 1, name: '案件办理' }).waitFor();
    await page.getByLabel('关键词').fill('西湖龙井');
    await clickFor(
      page,
      (r) => r.url().includes('/api/v1/cases?') && r.url().includes('q='),
      () => page.getByLabel('关键词').press('Enter'),
    );
    await page.waitForURL(/\/cases\?.*q=/);
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: regNumber }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('登记待审');
    // The working days left to the filing review (15 working days from receipt), counted by the server.
    expect(await row.innerText()).toContain('还剩 15 个工作日');
    await row.getByRole('link', { name: regNumber }).click();
    await page.waitForURL(`**/cases/${created.id}`);
    await page.getByRole('heading', { level: 1, name: regNumber }).waitFor();
    const status = page.getByTestId('case-status');
    await expect(status.innerText()).resolves.toBe('登记待审');
    // The filing time limit, and why it falls on its day.
    const deadlines = page.getByTestId('case-deadlines');
    await deadlines.getByText('核查线索、决定是否立案', { exact: true }).waitFor();
    await deadlines.getByRole('button', { name: /为什么是这一天？/ }).click();
    const why = page.locator('.ant-popover:visible');
    await why.getByText(/第十八条/).waitFor();
    expect(await why.innerText()).toContain('15 个工作日');
    await page.keyboard.press('Escape');

    // 立案: the hint about the two officers, confirm; the case gets its number.
    await act(page, '立案', 'file', async (dialog) => {
      await dialog.getByText('须指派至少 2 名执法人员（当前 2 名）').waitFor();
    });
    await page.locator('[data-testid="case-status"][data-status="investigating"]').waitFor();
    await expect(status.innerText()).resolves.toBe('调查处理中');
    await page.getByRole('heading', { level: 1, name: /^杭知执〔\d{4}〕\d+号$/ }).waitFor();
    await deadlines.getByText('作出处理决定期限（九十日）', { exact: true }).waitFor();

    // Parties: the individual's ID number and phone are masked (issue 9); 显示 asks the server (audited).
    await page.getByRole('tab', { name: /当事人/ }).click();
    const claimant = page.getByRole('row').filter({ hasText: '张三' });
    await claimant.getByText('110105********002X', { exact: true }).waitFor();
    await claimant.getByText('138****8000', { exact: true }).waitFor();
    const shown = await clickFor(
      page,
      (r) => r.url().endsWith('/personal-data'),
      () => claimant.getByRole('button', { name: '显示完整的张三 联系电话' }).click(),
    );
    expect(shown.status()).toBe(200);
    await claimant.getByText('13800138000', { exact: true }).waitFor();
    await claimant.getByText('11010519491231002X', { exact: true }).waitFor();

    // Evidence: upload a file, see it with its sha256.
    await page.getByRole('tab', { name: /证据/ }).click();
    await page.getByRole('button', { name: '上传证据' }).click();
    const drawer = page.getByRole('dialog', { name: '上传证据' });
    await drawer.waitFor();
    await pickOption(page, '证据种类', '照片', { scope: drawer });
    await drawer.getByLabel('证据名称').fill('现场照片：涉嫌侵权商品');
    await drawer.getByLabel('取证地点').fill('杭州市西湖区某某路1号');
    await drawer
      .getByLabel('证据文件')
      .setInputFiles({ name: 'scene.png', mimeType: 'image/png', buffer: PNG });
    const upload = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/cases/${created.id}/evidence`),
      () => drawer.getByRole('button', { name: buttonName('保存') }).click(),
    );
    expect(upload.status()).toBe(201);
    const sha256 = createHash('sha256').update(PNG).digest('hex');
    const shaCell = page.locator(`[data-testid="evidence-sha256"][data-sha256="${sha256}"]`);
    await shaCell.waitFor();
    expect(await shaCell.innerText()).toContain(sha256.slice(0, 12));
    await page.getByRole('tab', { name: '证据（1）' }).waitFor();
    // The integrity check recomputes the hash on the server.
    await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith('/verify'),
      () => page.getByRole('button', { name: /校验/ }).first().click(),
    );
    await page.getByText('校验通过', { exact: true }).waitFor();

    // 作出决定: violation not established, with facts and legal basis.
    await act(page, '作出决定', 'decide', async (dialog) => {
      await pickOption(page, '处理结果', '违法事实不成立', { scope: dialog });
      await dialog
        .getByLabel('认定的事实')
        .fill('经查，当事人销售的商品来源合法，未发现侵犯注册商标专用权的行为。');
      await dialog.getByLabel('法律依据').fill('《市场监督管理行政处罚程序规定》第六十条第一款第（四）项');
    });
    await page.locator('[data-testid="case-status"][data-status="decided"]').waitFor();
    await page.getByRole('tab', { name: '文书（1）' }).waitFor();

    // 结案.
    await act(page, '结案', 'close');
    await page.locator('[data-testid="case-status"][data-status="closed"]').waitFor();
    await expect(status.innerText()).resolves.toBe('已结案');
    await page.getByText('当前没有正在计算的期限').first().waitFor();

    // The history lists every step.
    await page.getByRole('tab', { name: '办案记录' }).click();
    const timeline = page.getByTestId('case-timeline');
    await timeline.locator('[data-action="case.close"]').waitFor();
    for (const action of [
      'case.registered',
      'case.file',
      'case.evidence_added',
      'case.decide',
      'case.close',
    ]) {
      expect(await timeline.locator(`[data-action="${action}"]`).count()).toBe(1);
    }
    const text = await timeline.innerText();
    expect(text).toContain('登记案件');
    expect(text).toContain('立案：登记待审 → 调查处理中');
    expect(text).toContain('作出决定：调查处理中 → 已作出决定');
    expect(text).toContain('结案：已作出决定 → 已结案');

    await page.screenshot({
      path: resolve(RESULTS, 'case-detail.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // Back in the list the case shows as closed.
    await page.getByRole('link', { name: '案件办理' }).first().click();
    await page.waitForURL(/\/cases(\?|$)/);
    await page
      .getByRole('row')
      .filter({ has: page.getByRole('link', { name: /^杭知执〔\d{4}〕\d+号$/ }) })
      .filter({ hasText: '已结案' })
      .waitFor();
    await page.screenshot({ path: resolve(RESULTS, 'cases.png'), fullPage: true, animations: 'disabled' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
