import { StatsProjector } from '@app/stats';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page, Response } from 'playwright-core';
import { createTestApp, type TestApp } from '../support/test-app';
import { demoIds, insertCase, type FixtureCase } from '../support/stats-fixture';
import { browserSuite, buttonName, clickFor, listen, PASSWORD, pickOption, RESULTS } from './support';

jest.setTimeout(120_000);

/**
 * 统计分析 end to end, on a small fixture in March–May 2025 (the demo data is all in recent months, so nothing else
 * falls in that period), the working days as in test/e2e/stats.e2e-spec.ts:
 *   A 杭州 (杭知执) trademark, filed 3-05, suspended [4-01, 4-08), decided 4-10 on time, closed 4-30, ¥50,000: 36 WD;
 *   B 杭州 (杭知执) trademark, filed 3-12, decided 5-20 late, closed (archived) 5-30, ¥8,000: 54 WD;
 *   C 宁波 (甬知执) design patent, filed 4-07, open and past its limit.
 * supervisor.zj opens the dashboard for the period: the KPIs are those figures, every chart is drawn, the region
 * table downloads as CSV; 宁波市 in the region ranking opens the case list of 宁波 cases filed in the period (C), the
 * month 2025-03 of the trend those filed in March (A, B); an office's 人员工作量 lists its officers; the monthly report
 * prints without the app's chrome; the filter bar narrows the figures through the URL; an empty period says so.
 */
describe('statistics dashboard: KPIs, charts, drill-down, workload, monthly report (headless Chromium)', () => {
  let t: TestApp;
  const suite = browserSuite({
    start: async () => {
      t = await createTestApp({ WEB_DIST: 'apps/web/dist' });
      return listen(t);
    },
  });
  const users: Record<string, { id: string; name: string }> = {};
  let ids: Awaited<ReturnType<typeof demoIds>>;
  const titles = { A: '统计浏览器测试案件A', B: '统计浏览器测试案件B', C: '统计浏览器测试案件C' };

  beforeAll(async () => {
    for (const r of await t.db.sql(`SELECT id, username, display_name FROM users`))
      users[r.username as string] = { id: r.id as string, name: r.display_name as string };

    ids = await demoIds(t.db);
    const addCase = (key: keyof typeof titles, c: Omit<FixtureCase, 'title'>) =>
      insertCase(t.db, ids, { ...c, title: titles[key] });

    const a = await addCase('A', {
      office: '杭知执',
      region: '330106',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      status: 'closed',
      received: '2025-03-03',
      filed: '2025-03-05',
      decided: '2025-04-10',
      closed: '2025-04-30',
      fineYuan: 50_000,
      officers: ['officer.zj', 'officer2.zj'],
      closing: { start: '2025-03-05', due: '2025-06-03', met: '2025-04-10' },
    });
    await t.db.sql(
      `INSERT INTO case_pauses (case_id, kind, from_date, to_date) VALUES ($1, 'suspension', '2025-04-01', '2025-04-08')`,
      [a],
    );
    await addCase('B', {
      office: '杭知执',
      region: '330106',
      ipType: 'trademark',
      procedure: 'penalty_trademark',
      status: 'archived',
      received: '2025-03-10',
      filed: '2025-03-12',
      decided: '2025-05-20',
      closed: '2025-05-30',
      fineYuan: 8_000,
      officers: ['officer.zj'],
      closing: { start: '2025-03-12', due: '2025-05-15', met: '2025-05-20' },
    });
    await addCase('C', {
      office: '甬知执',
      region: '330203',
      ipType: 'patent_design',
      procedure: 'patent_adjudication',
      status: 'investigating',
      received: '2025-04-02',
      filed: '2025-04-07',
      nextDue: '2025-08-01T09:00:00+08:00',
      closing: { start: '2025-04-07', due: '2025-08-01', met: null },
    });
    // The triggers logged the changes; the worker's projection (run here) puts them in the summaries.
    await t.app.get(StatsProjector).drain();
  });

  /** Signs in on the login page. */
  async function signInAs(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/`);
    await page.waitForURL(/\/(login|workbench)$/);
    await page.getByLabel('用户名').fill(username);
    const password = page.getByLabel('密码', { exact: true });
    await password.fill(PASSWORD);
    await password.press('Enter');
    await page.waitForURL('**/workbench');
  }

  const apiCall = (path: string) => (r: Response) => new URL(r.url()).pathname === `/api/v1${path}`;

  /** The figure of a KPI card. */
  const kpi = (page: Page, key: string) => page.getByTestId(`kpi-${key}`).locator('.stats-kpi-value');

  /**
   * Clicks a text of a chart's SVG (an axis label) where a user would: at its middle, which leaves the dashboard for
   * the case list. A chart still settling after a resize (the full-page screenshot changes the viewport) can move the
   * label under the pointer: then the label is found and clicked again, up to three times.
   */
  async function clickChartText(chart: Locator, text: string): Promise<void> {
    const page = chart.page();
    const label = chart
      .locator('svg text')
      .filter({ hasText: new RegExp(`^${text}$`) })
      .first();
    for (let attempt = 1; ; attempt++) {
      await label.scrollIntoViewIfNeeded();
      const box = await label.boundingBox();
      if (!box) throw new Error(`${text} is not on the chart`);
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const left = await page
        .waitForURL((url) => url.pathname === '/cases', { timeout: 5_000 })
        .then(
          () => true,
          () => false,
        );
      if (left || attempt === 3) return;
    }
  }

  /** Waits for the case list's answer to a drill-down click; answers with the list page's URL query and the API's. */
  async function drill(page: Page, click: () => Promise<void>) {
    const [response] = await Promise.all([
      page.waitForResponse(apiCall('/cases'), { timeout: 30_000 }),
      click(),
    ]);
    expect(response.status()).toBe(200);
    await page.waitForURL(/\/cases\?/);
    return {
      page: Object.fromEntries(new URL(page.url()).searchParams),
      api: Object.fromEntries(new URL(response.url()).searchParams),
    };
  }

  /** The titles of the case list's rows, once the expected ones are shown. */
  async function listedTitles(page: Page, expected: string[]): Promise<string[]> {
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    for (const title of expected) await rows.filter({ hasText: title }).first().waitFor();
    const texts = await rows.allInnerTexts();
    return Object.values(titles).filter((title) => texts.some((text) => text.includes(title)));
  }

  it('shows the KPIs and charts of the period, drills down to the cases, lists the workload and prints the report', async () => {
    const { accessToken } = await suite.signIn('supervisor.zj');
    const now = await suite.api<{ open: number; overdue: number }>(
      'GET',
      '/stats/summary?from=2025-03&to=2025-05',
      accessToken,
    );
    const { page, errors } = await suite.browser.newPage();
    await signInAs(page, 'supervisor.zj');

    // The dashboard for March–May 2025 (filters in the URL).
    const summary = page.waitForResponse(apiCall('/stats/summary'));
    await page.goto(`${suite.baseUrl}/stats?from=2025-03&to=2025-05`);
    expect((await summary).status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: '统计分析' }).waitFor();
    await page.getByTestId('stats-scope').getByText('浙江省').waitFor();
    await page.getByTestId('stats-scope').getByText('2025-03 至 2025-05').waitFor();

    await kpi(page, 'casesFiled').filter({ hasText: /^3$/ }).waitFor();
    expect(await kpi(page, 'casesClosed').innerText()).toBe('2');
    expect(await kpi(page, 'closingRate').innerText()).toBe('66.7%');
    expect(await kpi(page, 'onTimeRate').innerText()).toBe('50.0%');
    expect(await kpi(page, 'handlingP50Wd').innerText()).toBe('40.0');
    expect(await kpi(page, 'finesSumYuan').innerText()).toBe('58,000');
    expect(await kpi(page, 'criminalTransfers').innerText()).toBe('0');
    expect(await kpi(page, 'complaintsAccepted').innerText()).toBe('0');
    // Open and overdue are as of now (the demo data's open cases count too); C is one of the overdue.
    expect((await kpi(page, 'open').innerText()).replace(/\s/g, '')).toBe(`${now.open}/${now.overdue}`);
    expect(now.overdue).toBeGreaterThanOrEqual(1);
    // Nothing was filed in the three months before: no percentage to show.
    expect(await page.getByTestId('kpi-casesFiled').locator('.stats-change').innerText()).toContain(
      '上期为零',
    );

    // Every chart is drawn (SVG), with the period's months and the child regions on its axes.
    for (const id of ['trend', 'ip-type', 'histogram', 'gauge', 'ranking'])
      await page.getByTestId(`chart-${id}`).locator('svg').first().waitFor();
    const trend = page.getByTestId('chart-trend');
    for (const month of ['2025-03', '2025-04', '2025-05'])
      await trend.locator('svg text').filter({ hasText: month }).first().waitFor();
    const ranking = page.getByTestId('chart-ranking');
    await ranking.locator('svg text').filter({ hasText: '杭州市' }).first().waitFor();
    await ranking.locator('svg text').filter({ hasText: '宁波市' }).first().waitFor();
    await page.getByTestId('chart-gauge').locator('svg text').filter({ hasText: '50.0%' }).first().waitFor();

    // The child regions' table, and its CSV download of the same query.
    const table = page.getByTestId('stats-breakdown-table');
    const hz = table.locator('tr.ant-table-row').filter({ hasText: '杭州市' });
    await hz.waitFor();
    expect(await hz.locator('td').nth(2).innerText()).toBe('2'); // 立案
    expect(
      await table.locator('tr.ant-table-row').filter({ hasText: '宁波市' }).locator('td').nth(2).innerText(),
    ).toBe('1');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: /^导出 CSV/ }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = await readFile(await download.path());
    expect(csv.toString('utf8').replace(/^\uFEFF/, '')).toContain('杭州市');
    await page.screenshot({
      path: resolve(RESULTS, 'stats-dashboard.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // 宁波市 in the ranking: the 宁波 cases filed in the period (C).
    const byRegion = await drill(page, () => clickChartText(ranking, '宁波市'));
    expect(byRegion.page).toEqual({
      regionCode: '330200',
      dateField: 'filed',
      from: '2025-03-01',
      to: '2025-05-31',
    });
    expect(byRegion.api).toMatchObject({
      regionCode: '330200',
      filedFrom: '2025-03-01',
      filedTo: '2025-05-31',
    });
    expect(await listedTitles(page, [titles.C])).toEqual([titles.C]);

    // Back on the dashboard, the month 2025-03 of the trend: the cases filed in March in the scope (A, B).
    await page.goBack();
    await page.waitForURL('**/stats?from=2025-03&to=2025-05');
    const byMonth = await drill(page, () => clickChartText(page.getByTestId('chart-trend'), '2025-03'));
    expect(byMonth.page).toEqual({
      regionCode: '330000',
      dateField: 'filed',
      from: '2025-03-01',
      to: '2025-03-31',
    });
    expect(byMonth.api).toMatchObject({
      regionCode: '330000',
      filedFrom: '2025-03-01',
      filedTo: '2025-03-31',
    });
    expect(await listedTitles(page, [titles.A, titles.B])).toEqual([titles.A, titles.B]);

    // The offices: 杭知执's 人员工作量 lists its officers — officer.zj closed A and B.
    await page.goto(`${suite.baseUrl}/stats?from=2025-03&to=2025-05&view=offices`);
    const officeRow = page
      .getByTestId('stats-breakdown-table')
      .locator(`tr[data-row-key="${ids.offices['杭知执']}"]`);
    await officeRow.waitFor();
    await Promise.all([
      page.waitForResponse(apiCall('/stats/workload')),
      officeRow.getByRole('button', { name: /人员工作量/ }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('workload')).toBe(ids.offices['杭知执']);
    const workload = page.getByTestId('stats-workload');
    await workload.getByText('杭州市市场监督管理局', { exact: false }).first().waitFor();
    const officer = workload.locator(`tr[data-row-key="${users['officer.zj'].id}"]`);
    await officer.waitFor();
    const cells = await officer.locator('td').allInnerTexts();
    expect(cells[0]).toBe(users['officer.zj'].name);
    expect(cells[3]).toBe('2'); // 结案
    expect(cells[5]).toBe('50.0%'); // 按期办结率

    // The monthly report for May 2025, linked from the dashboard: May against April.
    await page.getByRole('link', { name: '统计月报' }).click();
    await page.waitForURL('**/stats/report?month=2025-05');
    const report = page.getByTestId('stats-report');
    await report.getByRole('heading', { name: '浙江省知识产权执法统计月报（2025年5月）' }).waitFor();
    const closedLine = report.getByTestId('report-kpis').locator('tr[data-indicator="casesClosed"]');
    await closedLine.waitFor();
    expect((await closedLine.locator('td').allInnerTexts()).slice(0, 2)).toEqual(['1', '1']); // B in May, A in April
    await report.getByTestId('report-trend').locator('tbody tr').filter({ hasText: '2025-04' }).waitFor();
    expect(await report.getByTestId('report-trend').locator('tbody tr').count()).toBe(12);
    await report.getByTestId('report-children').locator('tbody tr').filter({ hasText: '杭州市' }).waitFor();
    await page.getByRole('button', { name: /打\s?印/ }).waitFor();
    // Printed: the report alone, without the header, the navigation and the toolbar.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.app-header').isVisible()).toBe(false);
    expect(await page.locator('.app-sider').isVisible()).toBe(false);
    expect(await page.locator('.report-toolbar').isVisible()).toBe(false);
    expect(await report.isVisible()).toBe(true);
    await page.screenshot({
      path: resolve(RESULTS, 'stats-report-print.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await page.emulateMedia({ media: 'screen' });

    // The filter bar writes its choice to the URL: design patents only leave C.
    await page.goto(`${suite.baseUrl}/stats?from=2025-03&to=2025-05`);
    await kpi(page, 'casesFiled').filter({ hasText: /^3$/ }).waitFor();
    await pickOption(page, '知识产权类型', '外观设计专利');
    await clickFor(page, apiCall('/stats/summary'), () =>
      page.getByRole('button', { name: buttonName('查询') }).click(),
    );
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({
      from: '2025-03',
      to: '2025-05',
      ipType: 'patent_design',
    });
    await kpi(page, 'casesFiled').filter({ hasText: /^1$/ }).waitFor();

    // A period without a figure says so instead of drawing empty charts.
    await page.goto(`${suite.baseUrl}/stats?from=2024-01&to=2024-02`);
    await page
      .getByTestId('stats-empty')
      .getByText('2024-01 至 2024-02 期间没有统计数据', { exact: false })
      .waitFor();
    expect(await page.getByTestId('chart-trend').count()).toBe(0);

    expect(errors).toEqual([]);
    await page.close();
  });
});
