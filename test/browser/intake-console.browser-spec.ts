import { resolve } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { browserSuite, PASSWORD, RESULTS } from './support';

/** A valid unified social credit code (check characters of the code and of its organisation code both right). */
const USCC = '91330106MA2B7Q8K4W';

jest.setTimeout(120_000);

interface ComplaintBody {
  id: string;
  trackingNo: string;
  respondentName: string | null;
  respondentUscc: string | null;
  rightNumber: string | null;
  regionCode: string | null;
  officeName: string | null;
  complainantPhone: string | null;
  description: string;
  dueAt: string | null;
}

describe('12330 hotline console: a call typed with the keyboard alone (headless Chromium)', () => {
  // A fresh profile per test: each signs in on its own.
  const suite = browserSuite({ browserPerTest: true });
  const { api, signIn } = suite;
  let token: string;

  beforeAll(async () => {
    token = (await signIn('operator.zj')).accessToken;
  });

  /** Sign in with the keyboard: the user name field has the focus, Tab to the password, Enter. */
  async function login(page: Page, username: string): Promise<void> {
    await page.goto(`${suite.baseUrl}/login`);
    await page.getByLabel('用户名').and(page.locator(':focus')).waitFor();
    await page.keyboard.type(username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/workbench');
  }

  /** Waits until the element with this id has the keyboard focus (and says which has it, if another). */
  async function focused(page: Page, id: string): Promise<void> {
    try {
      await page.locator(`#${id}:focus`).waitFor({ state: 'attached', timeout: 5_000 });
    } catch {
      const actual = await page.evaluate(
        'document.activeElement && document.activeElement.outerHTML.slice(0, 200)',
      );
      await page.screenshot({ path: resolve(RESULTS, `intake-focus-${id}.png`), fullPage: true });
      throw new Error(`expected the focus on #${id}, found it on ${String(actual)}`);
    }
  }

  /** The script the markup in text fields would run, if it ran. */
  const injected = (page: Page) => page.evaluate('window.__xss');

  /**
   * Enter picks the highlighted option; the Tab that follows goes straight on (the console moves the focus even
   * while the dropdown is still closing).
   */
  const pick = (page: Page) => page.keyboard.press('Enter');

  const tab = async (page: Page, times = 1) => {
    for (let i = 0; i < times; i++) await page.keyboard.press('Tab');
  };

  /** The text an antd Select shows (its value's label), found by the id of its input. */
  const selectText = async (page: Page, id: string) =>
    (await page.locator('.ant-select', { has: page.locator(`#${id}`) }).innerText()).trim();

  /** The help / error text under a form field (antd renders it as `<id>_help`). */
  const helpOf = (page: Page, id: string) => page.locator(`#${id}_help`);

  it('records a complaint: duplicate warning, save with Ctrl+Enter, tracking number, next call with Alt+N', async () => {
    // A complaint taken earlier about the same respondent (its name tries to inject markup).
    const prior = await api<ComplaintBody>('POST', '/complaints', token, {
      channel: 'phone',
      category: 'complaint',
      complainantName: '赵先生',
      complainantPhone: '13700007777',
      respondentName: '杭州某某茶叶有限公司<img src=x onerror="window.__xss=1">',
      respondentUscc: USCC,
      ipType: 'trademark',
      rightNumber: '7654321',
      regionCode: '330106',
      description: '销售假冒注册商标的茶叶',
    });

    const { page, errors } = await suite.browser.newPage();
    await login(page, 'operator.zj');
    // The console is in the navigation of an operator.
    await page.locator('#app-nav').getByText('来电登记', { exact: true }).waitFor();
    await page.goto(`${suite.baseUrl}/intake`);
    await page.getByRole('heading', { level: 1, name: '12330 来电登记' }).waitFor();
    // The shortcuts are written on the buttons.
    await page.getByTestId('intake-save').getByText('Ctrl+Enter').waitFor();

    // The first field has the focus; the channel is already "12330电话".
    await focused(page, 'intake_channel');
    expect(await selectText(page, 'intake_channel')).toBe('12330电话');

    // Category: Tab into the radio group, → moves from 维权援助 to 投诉 and selects it.
    await tab(page);
    await page.locator('input[type="radio"]:focus').waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight');
    await page.locator('input[name="category"][value="complaint"]:checked').waitFor({ state: 'attached' });
    // 投诉 cannot be anonymous: no switch.
    expect(await page.getByRole('switch', { name: '匿名' }).count()).toBe(0);
    // The acceptance rule for a complaint shows already.
    await page.getByTestId('intake-rule').getByText('投诉受理决定（七个工作日）').waitFor();

    // The caller.
    await tab(page);
    await focused(page, 'intake_complainantPhone');
    await page.keyboard.type('13900001111');
    await tab(page);
    await focused(page, 'intake_complainantName');
    await page.keyboard.type('张先生');
    // The caller history answers for the phone (none yet).
    await page.getByTestId('intake-history').getByText('该号码没有历史工单').waitFor();
    await tab(page, 5); // past ID / credit code, organisation, e-mail, confidentiality: left as they are

    // The respondent: the same credit code as the earlier complaint brings up the duplicate warning.
    await focused(page, 'intake_respondentName');
    await page.keyboard.type('杭州某某茶叶有限公司');
    await tab(page);
    await focused(page, 'intake_respondentUscc');
    await page.keyboard.type(USCC.toLowerCase());
    const duplicates = page.getByTestId('intake-duplicates');
    const hit = duplicates.getByTestId('intake-duplicate').filter({ hasText: prior.trackingNo });
    await hit.waitFor();
    await duplicates.getByText(/发现 \d+ 件疑似重复工单/).waitFor();
    await hit.getByText('同一信用代码').waitFor();
    // The earlier respondent name is shown as text, its markup not run.
    expect(await hit.innerText()).toContain('<img src=x onerror="window.__xss=1">');
    expect(await injected(page)).toBeUndefined();

    // Shop, platform, URL, address: skipped. IP type by typing, Enter picks.
    await tab(page, 5);
    await focused(page, 'intake_ipType');
    await page.keyboard.type('商标');
    await page.locator('.ant-select-dropdown:visible').getByText('商标', { exact: true }).waitFor();
    await pick(page);
    await page.getByTestId('intake-rule').getByText('投诉受理决定（七个工作日）').waitFor();

    // Right number, checked as typed.
    await tab(page);
    await focused(page, 'intake_rightNumber');
    await page.keyboard.type('1234567');
    await page.getByText('号码有效：1234567').waitFor();

    // Region by pinyin: "xihu", the first hit is 浙江省杭州市西湖区, Enter picks it.
    await tab(page);
    await focused(page, 'intake_regionCode');
    await page.keyboard.type('xihu');
    const firstOption = page.locator('.ant-select-dropdown:visible .ant-select-item-option').first();
    await firstOption.filter({ hasText: '浙江省杭州市西湖区' }).waitFor();
    await pick(page);
    // The competent office is suggested (西湖区 market regulation handles trademarks).
    await page.getByText('杭州市西湖区市场监督管理局').first().waitFor();
    await page.getByText('系统按管辖建议，可改选').waitFor();

    // The office stays as suggested; the matter (with a script tag, kept as text).
    await tab(page, 2);
    await focused(page, 'intake_description');
    const description = '在西湖区某商场销售假冒“西湖龙井”注册商标的茶叶。<script>window.__xss=2</script>';
    await page.keyboard.type(description);

    // Ctrl+Enter saves.
    const [response] = await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/complaints',
      ),
      page.keyboard.press('Control+Enter'),
    ]);
    expect(response.status()).toBe(201);
    const created = (await response.json()) as ComplaintBody;

    // The tracking number to read out, large, in a live region; the "next call" button has the focus.
    const trackingNo = page.getByTestId('intake-tracking-no');
    await trackingNo.waitFor();
    const shown = (await trackingNo.innerText()).trim();
    expect(shown).toMatch(/^12330-\d{6}-\d{6}$/);
    expect(shown).toBe(created.trackingNo);
    expect(await page.locator('[aria-live="polite"]').filter({ has: trackingNo }).count()).toBe(1);
    await page.getByTestId('intake-next').and(page.locator(':focus')).waitFor();
    expect(await page.getByTestId('intake-saved').innerText()).toContain('杭州市西湖区市场监督管理局');
    await page.screenshot({
      path: resolve(RESULTS, 'intake-console.png'),
      fullPage: true,
      animations: 'disabled',
    });

    // The API has it as typed; views show the phone masked, the audited reveal gives it in full (issue 9).
    const stored = await api<ComplaintBody>('GET', `/complaints/${created.id}`, token);
    expect(
      await api<{ complainantPhone: string }>('GET', `/complaints/${created.id}/personal-data`, token),
    ).toMatchObject({ complainantPhone: '13900001111' });
    expect(stored).toMatchObject({
      trackingNo: shown,
      complainantPhone: '139****1111',
      respondentName: '杭州某某茶叶有限公司',
      respondentUscc: USCC,
      rightNumber: '1234567',
      regionCode: '330106',
      officeName: '杭州市西湖区市场监督管理局',
      description,
    });
    expect(stored.dueAt).not.toBeNull();
    expect(await injected(page)).toBeUndefined();

    // Alt+N: the next call, on an empty form with the focus on the first field.
    await page.keyboard.press('Alt+N');
    await trackingNo.waitFor({ state: 'detached' });
    await focused(page, 'intake_channel');
    expect(await page.locator('#intake_complainantPhone').inputValue()).toBe('');
    expect(await page.locator('input[name="category"]:checked').count()).toBe(0);
    await page
      .getByTestId('intake-duplicates')
      .getByText('填写信用代码、权利号、来电号码或被投诉方名称后自动查重')
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses an invalid right number beside the field, and saves nothing', async () => {
    const { page, errors } = await suite.browser.newPage();
    await login(page, 'operator.zj');
    await page.goto(`${suite.baseUrl}/intake`);
    await focused(page, 'intake_channel');
    await page.getByRole('radio', { name: '投诉' }).waitFor({ state: 'attached' });
    const posts: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/complaints') posts.push(r);
    });

    await tab(page);
    await page.locator('input[type="radio"]:focus').waitFor({ state: 'attached' });
    await page.keyboard.press('ArrowRight'); // 投诉
    await tab(page);
    await page.keyboard.type('13900002222');
    await tab(page);
    await page.keyboard.type('李女士');
    await tab(page, 5);
    await focused(page, 'intake_respondentName');
    await page.keyboard.type('某某科技有限公司');
    await tab(page, 6);
    await focused(page, 'intake_ipType');
    await page.keyboard.type('发明');
    await page.locator('.ant-select-dropdown:visible').getByText('发明专利', { exact: true }).waitFor();
    await pick(page);
    expect(await selectText(page, 'intake_ipType')).toBe('发明专利');
    await tab(page);
    await focused(page, 'intake_rightNumber');
    await page.keyboard.type('12345');
    // The reason, beside the field, as soon as the operator stops typing.
    await helpOf(page, 'intake_rightNumber')
      .getByText(/专利申请号应为12位数字加校验位/)
      .waitFor();
    await tab(page);
    await focused(page, 'intake_regionCode');
    await page.keyboard.type('hz');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .first()
      .filter({ hasText: '浙江省杭州市' })
      .waitFor();
    await pick(page);
    await tab(page, 2);
    await focused(page, 'intake_description');
    await page.keyboard.type('生产销售侵犯发明专利权的产品');

    // Ctrl+S (like Ctrl+Enter) tries to save: the form refuses, the focus goes to the bad field.
    await page.keyboard.press('Control+S');
    await focused(page, 'intake_rightNumber');
    await helpOf(page, 'intake_rightNumber')
      .getByText(/专利申请号应为12位数字加校验位/)
      .waitFor();
    await page.waitForTimeout(500);
    expect(posts).toHaveLength(0);
    expect(await page.getByTestId('intake-tracking-no').count()).toBe(0);
    const history = await api<{ total: number }>('GET', '/complaints?phone=13900002222', token);
    expect(history.total).toBe(0);

    // A valid number (with its check digit) clears the message.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('200710308494.X');
    await page.getByText('号码有效：200710308494.X').waitFor();
    // (the message leaves with a short animation)
    await helpOf(page, 'intake_rightNumber')
      .getByText(/专利申请号应为/)
      .waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await page.close();
  });
});
