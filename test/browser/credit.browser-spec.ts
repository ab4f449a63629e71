import { CreditListingService } from '@app/credit';
import { shanghaiDate, usccCheckCharacter } from '@app/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';
import { startTestServer } from '../support/test-app';
import { browserSuite, buttonName, clickFor, PASSWORD, pickOption, RESULTS } from './support';

jest.setTimeout(120_000);

/** A statement paper as the subject might hand it in. */
const STATEMENT_PDF = Buffer.from('%PDF-1.4\n% 陈述申辩书（浏览器测试）\n%%EOF\n');

interface Listing {
  id: string;
  listingNo: string;
  version: number;
  state: string;
  publishUntil: string | null;
}

interface FeedPage {
  items: { change: 'listed' | 'removed'; reason: string | null; listing: { listingNo: string } }[];
  nextCursor: string;
}

/**
 * 信用公示 end to end: a manual proposal of 杭州 (an enterprise refusing to execute a ruling) is served and heard by
 * officer.zj in the staff pages (the statement's paper uploaded and downloaded), listed by head.hz (a head who did not propose it), found on the public registry
 * without a sign-in, and gone from it — with a removal on the public feed — once the sweep runs past its period.
 */
describe('credit listing: propose, serve, hear, list, publish and expire (headless Chromium)', () => {
  let app: NestFastifyApplication;
  const suite = browserSuite({
    start: async () => {
      const server = await startTestServer();
      app = server.app;
      return server;
    },
  });
  const { api, signIn } = suite;

  /** Signs in on the login page, ending the session of whoever was signed in before (in this or a former tab). */
  async function signInAs(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/`); // lands on one of the two once the app knows whether a session exists
    await page.waitForURL(/\/(login|workbench)$/);
    if (page.url().endsWith('/workbench')) await signOut(page);
    await page.getByLabel('用户名').fill(username);
    const password = page.getByLabel('密码', { exact: true });
    await password.fill(PASSWORD);
    await password.press('Enter');
    await page.waitForURL('**/workbench');
  }

  /**
   * Today in a date field, by its picker's 今天 (typing a date races the picker's opening). A click while the
   * dialog's opening motion still moves the dropdown can miss the button (one run in a few hit a disabled day and the
   * dropdown stayed open): then 今天 is clicked again.
   */
  async function pickToday(page: Page, field: Locator, today: string): Promise<void> {
    await field.click();
    const picker = page.locator('.ant-picker-dropdown:visible');
    for (let attempt = 1; ; attempt++) {
      await picker.locator('.ant-picker-now-btn').click();
      const closed = await picker.waitFor({ state: 'hidden', timeout: 3_000 }).then(
        () => true,
        () => false,
      );
      if (closed || attempt === 3) break;
    }
    await picker.waitFor({ state: 'hidden' });
    expect(await field.inputValue()).toBe(today);
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
  }

  const stepCall = (id: string, action: string) => (r: Response) =>
    r.request().method() === 'POST' && r.url().endsWith(`/api/v1/credit/listings/${id}/actions/${action}`);

  /** Opens the step's dialog from the header's buttons, fills it and confirms; the listing moves to `state`. */
  async function step(
    page: Page,
    listing: Listing,
    label: string,
    action: string,
    state: string,
    fill: (dialog: Locator) => Promise<void>,
  ): Promise<Listing> {
    await page
      .getByRole('group', { name: '可办理的列入环节' })
      .getByRole('button', { name: buttonName(label) })
      .click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.waitFor();
    await fill(dialog);
    const response = await clickFor(page, stepCall(listing.id, action), () =>
      dialog.getByRole('button', { name: buttonName('确认办理') }).click(),
    );
    expect(response.status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    await page.locator(`[data-testid="listing-state"][data-state="${state}"]`).waitFor();
    return (await response.json()) as Listing;
  }

  /** The public feed from `cursor` once it shows `want` more changes (it trails the newest transactions). */
  async function feedAfter(cursor: string, want: number): Promise<FeedPage> {
    for (let attempt = 0; ; attempt++) {
      const page = await api<FeedPage>('GET', `/public/credit-listings/feed?cursor=${cursor}`, null);
      if (page.items.length >= want || attempt >= 50) return page;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('officer.zj serves and hears a proposal, head.hz lists it, the public finds it until it expires', async () => {
    const stamp = String(Date.now()).slice(-5);
    const subjectName = `杭州信用公示测试${stamp}科技有限公司`;
    const body = `91330106MA2C${stamp}`;
    const uscc = `${body}${usccCheckCharacter(body)}`;
    const today = shanghaiDate(new Date());
    const officer = await signIn('officer.zj');
    const proposed = await api<Listing>('POST', '/credit/listings', officer.accessToken, {
      ground: 'refusing_execution',
      legalBasis: '《专利纠纷行政裁决和调解办法》第三十四条',
      facts: `当事人有履行能力但拒不履行行政裁决（浏览器测试 ${stamp}）。`,
      decisionNo: `杭知执裁〔2026〕${stamp}号`,
      decisionDate: today,
      subjectKind: 'enterprise',
      subjectName,
      subjectUscc: uscc,
      regionCode: '330106',
      ipType: 'patent_invention',
    });
    expect(proposed.state).toBe('proposed');
    const feedStart = (await api<FeedPage>('GET', '/public/credit-listings/feed', null)).nextCursor;

    const { page, errors } = await suite.browser.newPage();

    // officer.zj: 信用公示 → 拟列入 lists it; open it.
    await signInAs(page, 'officer.zj');
    await page.locator('#app-nav').getByText('信用公示', { exact: true }).click();
    await page.waitForURL('**/credit');
    await page.getByRole('heading', { level: 1, name: '信用公示' }).waitFor();
    await expect(page.getByRole('tab', { selected: true }).innerText()).resolves.toContain('拟列入');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: proposed.listingNo }) });
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(subjectName);
    expect(rowText).toContain(uscc);
    expect(rowText).toContain('拒不执行行政处罚或行政裁决');
    expect(rowText).toContain(`杭知执裁〔2026〕${stamp}号`);
    await page.screenshot({
      path: resolve(RESULTS, 'credit-list.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await row.getByRole('link', { name: proposed.listingNo }).click();
    await page.waitForURL(`**/credit/${proposed.id}`);
    await page.getByRole('heading', { level: 1, name: proposed.listingNo }).waitFor();
    const facts = await page.getByTestId('listing-facts').innerText();
    expect(facts).toContain('知识产权领域严重失信主体');
    expect(facts).toContain('国知发保字〔2022〕8号');
    expect(facts).toContain('第三十四条');

    // Serve the notice today, handed over; then record the statement. Reviewing is for another head.
    let listing = await step(page, proposed, '送达列入告知书', 'notify', 'notified', async (dialog) => {
      await pickToday(page, dialog.getByLabel('送达日期', { exact: true }), today);
      await pickOption(page, '送达方式', '直接送达', { scope: dialog });
    });
    expect(await page.locator('.credit-sections').innerText()).toContain(`${today} 直接送达`);

    // The subject's written statement comes in: kept with the listing as a paper, and downloadable.
    await page.getByRole('button', { name: /上传材料/ }).click();
    const paperDialog = page.getByRole('dialog', { name: '上传材料' });
    await paperDialog.waitFor();
    expect(await paperDialog.getByLabel('陈述申辩材料', { exact: true }).isChecked()).toBe(true);
    await paperDialog
      .getByLabel('文件', { exact: true })
      .setInputFiles({ name: '陈述申辩书.pdf', mimeType: 'application/pdf', buffer: STATEMENT_PDF });
    const attached = await clickFor(
      page,
      (r) =>
        r.request().method() === 'POST' &&
        r.url().endsWith(`/api/v1/credit/listings/${proposed.id}/attachments`),
      () => paperDialog.getByRole('button', { name: buttonName('上传') }).click(),
    );
    expect(attached.status()).toBe(201);
    await paperDialog.waitFor({ state: 'hidden' });
    const paper = page.getByTestId('listing-attachments').locator('li[data-kind="statement"]');
    await paper.waitFor();
    await expect(paper.innerText()).resolves.toContain('陈述申辩材料');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      paper.getByRole('button', { name: '下载 陈述申辩书.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('陈述申辩书.pdf');
    const saved = await download.path();
    expect(saved && (await readFile(saved)).equals(STATEMENT_PDF)).toBe(true);

    listing = await step(page, listing, '登记陈述申辩', 'record_statement', 'defended', async (dialog) => {
      await dialog.getByLabel('陈述申辩内容', { exact: true }).fill('当事人称资金困难，请求暂缓列入。');
    });
    const officerSteps = page.getByRole('group', { name: '可办理的列入环节' });
    await officerSteps.getByRole('button', { name: buttonName('撤回拟列入') }).waitFor();
    expect(await officerSteps.getByRole('button', { name: /审核/ }).count()).toBe(0);

    // head.hz: 待审核 lists it; 审核：决定列入并公示.
    await signInAs(page, 'head.hz');
    await page.goto(`${suite.baseUrl}/credit?queue=review`);
    await page.getByRole('link', { name: listing.listingNo }).click();
    await page.waitForURL(`**/credit/${listing.id}`);
    listing = await step(page, listing, '审核：决定列入并公示', 'list', 'published', async (dialog) => {
      await dialog.getByTestId('listing-publish-period').waitFor();
      await dialog
        .getByLabel('审核意见（决定列入的理由）', { exact: true })
        .fill('有履行能力而拒不履行行政裁决，情节严重');
    });
    expect(listing.publishUntil).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByTestId('listing-period').innerText()).resolves.toBe(
      `${today} 至 ${listing.publishUntil}`,
    );
    await page
      .getByRole('group', { name: '可办理的列入环节' })
      .getByRole('button', { name: buttonName('信用修复申请') })
      .waitFor();
    await page.screenshot({
      path: resolve(RESULTS, 'credit-detail.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // The public registry, signed out: found by name, with the public fields only.
    await signOut(page);
    await page.goto(`${suite.baseUrl}/public/credit`);
    await page.getByRole('heading', { level: 1, name: '严重违法失信名单公示' }).waitFor();
    const search = async () => {
      const answer = await clickFor(
        page,
        (r) => new URL(r.url()).pathname === '/api/v1/public/credit-listings' && r.url().includes('q='),
        // while a search runs (and during the loading icon's leave motion) the name starts with "loading"
        () => page.getByRole('button', { name: /查\s?询$/ }).click(),
      );
      expect(answer.status()).toBe(200);
    };
    await page.getByLabel('企业名称', { exact: true }).fill(subjectName);
    await search();
    const results = page.getByTestId('public-credit-results');
    const entry = results.getByRole('row').filter({ hasText: listing.listingNo });
    await entry.waitFor();
    const entryText = await entry.innerText();
    expect(entryText).toContain(subjectName);
    expect(entryText).toContain(uscc);
    expect(entryText).toContain('杭州市市场监督管理局');
    expect(entryText).not.toContain('浏览器测试'); // the facts stay internal
    const csv = new URL(
      (await results.getByRole('link', { name: /下载CSV/ }).getAttribute('href')) ?? '',
      suite.baseUrl,
    );
    expect(csv.pathname).toBe('/api/v1/public/credit-listings');
    expect(csv.searchParams.get('format')).toBe('csv');
    expect(csv.searchParams.get('q')).toBe(subjectName);
    await page.screenshot({
      path: resolve(RESULTS, 'public-credit.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // The clock moves past the period: the sweep removes it; the registry no longer shows it, the feed says so.
    const after = new Date(new Date(`${listing.publishUntil}T00:00:00+08:00`).getTime() + 2 * 86_400_000);
    expect((await app.get(CreditListingService).sweep(after)).expired).toBeGreaterThanOrEqual(1);
    await search();
    await results.getByText('没有符合条件的公示信息').waitFor();
    expect(await results.getByText(listing.listingNo).count()).toBe(0);
    const feed = await feedAfter(feedStart, 2);
    const mine = feed.items.filter((i) => i.listing.listingNo === listing.listingNo);
    expect(mine.map((i) => [i.change, i.reason])).toEqual([
      ['listed', null],
      ['removed', 'expired'],
    ]);

    expect(errors).toEqual([]);
    await page.close();
  });

  it("puts the server's field errors beside the fields; a stale version reloads the listing and says so", async () => {
    const stamp = String(Date.now()).slice(-5);
    const subjectName = `杭州信用并发测试${stamp}贸易有限公司`;
    const body = `91330106MA2D${stamp}`;
    const valid = `${body}${usccCheckCharacter(body)}`;
    const today = shanghaiDate(new Date());
    const { page, errors } = await suite.browser.newPage();
    await signInAs(page, 'officer.zj');
    await page.goto(`${suite.baseUrl}/credit`);
    await page.getByRole('button', { name: /提出列入/ }).click();
    const dialog = page.getByRole('dialog', { name: '提出列入严重失信名单' });
    await dialog.waitFor();
    await pickOption(page, '列入事由', '拒不执行行政处罚或行政裁决', { scope: dialog });
    await dialog
      .getByTestId('propose-ground-source')
      .getByText(/第三十四条/)
      .waitFor();
    await dialog.getByLabel('法律依据', { exact: true }).fill('《专利纠纷行政裁决和调解办法》第三十四条');
    await dialog.getByLabel('列入事实', { exact: true }).fill('当事人有履行能力但拒不履行行政裁决。');
    await dialog.getByLabel('决定书文号', { exact: true }).fill(`杭知执裁〔2026〕${stamp}号`);
    await pickToday(page, dialog.getByLabel('决定日期', { exact: true }), today);
    await dialog.getByLabel('主体名称', { exact: true }).fill(subjectName);
    const code = dialog.getByLabel('统一社会信用代码', { exact: true });
    await code.fill('9133010'); // too short: the server says why, beside the field
    const propose = (r: Response) =>
      r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/credit/listings';
    const refused = await clickFor(page, propose, () =>
      dialog.getByRole('button', { name: buttonName('提出列入') }).click(),
    );
    expect(refused.status()).toBe(400);
    const codeItem = dialog
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('统一社会信用代码', { exact: true }) });
    const codeError = codeItem.locator('.ant-form-item-explain-error').first();
    await codeError.waitFor();
    expect((await codeError.innerText()).trim()).not.toBe('');
    await page.screenshot({ path: resolve(RESULTS, 'credit-propose-errors.png'), animations: 'disabled' });
    await code.fill(valid);
    const created = await clickFor(page, propose, () =>
      dialog.getByRole('button', { name: buttonName('提出列入') }).click(),
    );
    expect(created.status()).toBe(201);
    const listing = (await created.json()) as Listing;
    await page.waitForURL(`**/credit/${listing.id}`);
    await page.locator('[data-testid="listing-state"][data-state="proposed"]').waitFor();

    // Someone serves the notice meanwhile: the withdrawal sent with the old version is refused and the page reloads.
    const officer = await signIn('officer.zj');
    await api('POST', `/credit/listings/${listing.id}/actions/notify`, officer.accessToken, {
      version: listing.version,
      servedOn: today,
      noticeMethod: 'mail',
    });
    await page
      .getByRole('group', { name: '可办理的列入环节' })
      .getByRole('button', { name: buttonName('撤回拟列入') })
      .click();
    const withdraw = page.getByRole('dialog', { name: '撤回拟列入' });
    await withdraw.getByLabel('撤回理由', { exact: true }).fill('当事人已履行');
    const stale = await clickFor(page, stepCall(listing.id, 'withdraw'), () =>
      withdraw.getByRole('button', { name: buttonName('确认办理') }).click(),
    );
    expect(stale.status()).toBe(409);
    await page.getByRole('alert').filter({ hasText: '该列入已被他人办理' }).waitFor();
    await page.locator('[data-testid="listing-state"][data-state="notified"]').waitFor();
    expect(await page.locator('.credit-sections').innerText()).toContain(`${today} 邮寄送达`);

    expect(errors).toEqual([]);
    await page.close();
  });
});
