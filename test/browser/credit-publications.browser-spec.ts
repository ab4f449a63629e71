import { resolve } from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';
import { browserSuite, buttonName, clickFor, PASSWORD, RESULTS } from './support';

jest.setTimeout(120_000);

interface Publication {
  id: string;
  caseId: string;
  decisionNo: string;
  partyName: string;
  state: string;
  version: number;
  publishUntil: string | null;
}

/**
 * 决定公示 end to end: officer.zj decides a trademark penalty case against an individual (through the API); its
 * publication waits in the staff list as 待公示, officer.zj publishes it from there, the public decisions page shows
 * its summary without a sign-in (the party by surname only), head.hz withdraws it with a reason, and the public
 * page no longer shows it.
 */
describe('decision publication: publish, find in public, withdraw (headless Chromium)', () => {
  const suite = browserSuite();
  const { api, signIn } = suite;

  /** Signs in on the login page, ending the session of whoever was signed in before. */
  async function signInAs(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL(/\/(login|workbench)$/);
    if (page.url().endsWith('/workbench')) await signOut(page);
    await page.getByLabel('用户名').fill(username);
    const password = page.getByLabel('密码', { exact: true });
    await password.fill(PASSWORD);
    await password.press('Enter');
    await page.waitForURL('**/workbench');
  }

  async function signOut(page: Page): Promise<void> {
    await page.getByTestId('current-user').click();
    await page.getByRole('menuitem', { name: '退出登录' }).click();
    await page.waitForURL('**/login');
  }

  const stepCall = (id: string, action: string) => (r: Response) =>
    r.request().method() === 'POST' &&
    r.url().endsWith(`/api/v1/credit/publications/${id}/actions/${action}`);

  /** Clicks a step's button in `scope`, fills its dialog and confirms; answers with the fresh publication. */
  async function step(
    page: Page,
    scope: Locator,
    publication: Publication,
    label: string,
    action: string,
    fill: (dialog: Locator) => Promise<void>,
  ): Promise<Publication> {
    await scope.getByRole('button', { name: new RegExp(`^${[...label].join('\\s?')}`) }).click();
    const dialog = page.getByRole('dialog', { name: label });
    await dialog.waitFor();
    await fill(dialog);
    const response = await clickFor(page, stepCall(publication.id, action), () =>
      dialog.getByRole('button', { name: buttonName('确认办理') }).click(),
    );
    expect(response.status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });
    return (await response.json()) as Publication;
  }

  it('officer.zj publishes a decided penalty, the public finds it redacted, head.hz withdraws it', async () => {
    const stamp = String(Date.now()).slice(-5);
    // A Chinese given name from the stamp's last digits, so no two runs name the same person.
    const partyName = `王${[...stamp.slice(-2)].map((d) => '零一二三四五六七八九'[Number(d)]).join('')}`;
    const officer = await signIn('officer.zj');
    const officer2 = await signIn('officer2.zj');

    // A trademark penalty case against an individual, filed, notified and decided: its publication is pending.
    type CaseBody = { id: string; version: number };
    const c = await api<CaseBody>('POST', '/cases', officer.accessToken, {
      title: `关于${partyName}涉嫌销售侵犯注册商标专用权商品案（浏览器测试 ${stamp}）`,
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      source: 'ex_officio',
      regionCode: '330106',
      officerIds: [officer.user.id, officer2.user.id],
      parties: [
        {
          role: 'respondent',
          kind: 'individual',
          name: partyName,
          idNumber: '11010519491231002X',
          phone: '13900139000',
        },
      ],
    });
    const decision = {
      outcome: 'penalty',
      facts: '当事人销售侵犯注册商标专用权的商品。',
      legalBasis: '《中华人民共和国商标法》第六十条第二款',
      fineFen: 3_000_000,
    };
    const act = (id: string, action: string, body: object) =>
      api<CaseBody>('POST', `/cases/${id}/actions/${action}`, officer.accessToken, body);
    let k = await act(c.id, 'file', { version: c.version });
    k = await act(c.id, 'notify', { version: k.version, ...decision });
    await act(c.id, 'decide', { version: k.version, ...decision, defenceHeard: true });
    const pending = (
      await api<{ items: Publication[] }>(
        'GET',
        '/credit/publications?state=pending&pageSize=100',
        officer.accessToken,
      )
    ).items.find((p) => p.caseId === c.id);
    expect(pending).toMatchObject({ state: 'pending', partyName: '王**' });
    const publication = pending!;
    const shownName = publication.partyName;

    const { page, errors } = await suite.browser.newPage();

    // officer.zj: 信用公示 → 决定公示 → 待公示 lists it, with a link to the case.
    await signInAs(page, 'officer.zj');
    await page.goto(`${suite.baseUrl}/credit`);
    await page
      .getByRole('radiogroup', { name: '信用公示事项' })
      .getByText('决定公示', { exact: true })
      .click();
    await page.waitForURL('**/credit/publications');
    await page.getByRole('tab', { name: '待公示', selected: true }).waitFor();
    const row = page.locator(`tr[data-row-key="${publication.id}"]`);
    await row.waitFor();
    const rowText = await row.innerText();
    expect(rowText).toContain(shownName);
    expect(rowText).not.toContain(partyName);
    expect(rowText).toContain('罚款人民币30000元');
    expect(
      await row.getByRole('link').filter({ hasNotText: publication.decisionNo }).getAttribute('href'),
    ).toBe(`/cases/${c.id}`);
    await page.screenshot({
      path: resolve(RESULTS, 'credit-publications.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // 公示 from the row: the dialog shows what goes public; the row leaves 待公示 and shows under 公示中.
    const published = await step(page, row, publication, '公示', 'publish', async (dialog) => {
      const summary = await dialog.getByTestId('publication-summary').innerText();
      expect(summary).toContain(shownName);
      expect(summary).toContain(publication.decisionNo);
    });
    expect(published.state).toBe('published');
    await row.waitFor({ state: 'detached' });
    await page.getByTestId('publication-tab-published').click();
    await page.waitForURL('**/credit/publications?state=published');
    const publishedRow = page.locator(`tr[data-row-key="${publication.id}"]`);
    await publishedRow.waitFor();
    expect(await publishedRow.innerText()).toContain(`至 ${published.publishUntil}`);

    // The public decisions page, signed out: found by the decision number, the party by surname only.
    await signOut(page);
    await page.goto(`${suite.baseUrl}/public/credit`);
    await page.getByRole('navigation', { name: '公众服务' }).getByRole('link', { name: '决定公示' }).click();
    await page.waitForURL('**/public/decisions');
    await page.getByRole('heading', { level: 1, name: '行政处罚和行政裁决决定公示' }).waitFor();
    const results = page.getByTestId('public-decisions-results');
    const search = async () => {
      const answer = await clickFor(
        page,
        (r) => new URL(r.url()).pathname === '/api/v1/public/decisions' && r.url().includes('q='),
        () => page.getByRole('button', { name: /查\s?询$/ }).click(),
      );
      expect(answer.status()).toBe(200);
    };
    await page.getByLabel('决定书文号或企业名称', { exact: true }).fill(publication.decisionNo);
    await search();
    const entry = results.getByRole('row').filter({ hasText: publication.decisionNo });
    await entry.waitFor();
    const entryText = await entry.innerText();
    expect(entryText).toContain(shownName);
    expect(entryText).toContain('罚款人民币30000元');
    expect(entryText).toContain('杭州市市场监督管理局');
    expect(await results.innerText()).not.toContain(partyName);
    await page.screenshot({
      path: resolve(RESULTS, 'public-decisions.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // head.hz withdraws it (the decision was changed on review), from its own page.
    await signInAs(page, 'head.hz');
    await page.goto(`${suite.baseUrl}/credit/publications/${publication.id}`);
    await page.getByRole('heading', { level: 1, name: publication.decisionNo }).waitFor();
    await page.locator('[data-testid="publication-state"][data-state="published"]').waitFor();
    const steps = page.getByRole('group', { name: '可办理的公示环节' });
    const withdrawn = await step(
      page,
      steps,
      published,
      '撤下（决定变更或撤销）',
      'withdraw',
      async (dialog) => {
        const reason = dialog.getByLabel('撤下理由（决定如何变更或撤销）', { exact: true });
        // The reason is required: the dialog says so before anything is sent.
        await dialog.getByRole('button', { name: buttonName('确认办理') }).click();
        await dialog.getByText('请填写撤下理由（决定如何变更或撤销）').waitFor();
        await reason.fill('原处罚决定经行政复议变更');
      },
    );
    expect(withdrawn.state).toBe('withdrawn');
    await page.locator('[data-testid="publication-state"][data-state="withdrawn"]').waitFor();
    await page.locator('.credit-sections').getByText('原处罚决定经行政复议变更').waitFor();

    // The public page no longer shows it.
    await signOut(page);
    await page.goto(`${suite.baseUrl}/public/decisions`);
    await page.getByLabel('决定书文号或企业名称', { exact: true }).fill(publication.decisionNo);
    await search();
    await results.getByText('没有符合条件的公示决定').waitFor();
    expect(await results.getByText(publication.decisionNo).count()).toBe(0);

    expect(errors).toEqual([]);
    await page.close();
  });
});
