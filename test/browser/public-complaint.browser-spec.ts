import { resolve } from 'node:path';
import type { Page, Response, Route } from 'playwright-core';
import { browserSuite, buttonName, clickFor, PASSWORD, pickOption, RESULTS } from './support';

const TRACKING_NO = /12330-\d{6}-\d{6}/;

jest.setTimeout(180_000);

/**
 * The form's submit button. After a failed submit antd may leave its loading icon ("loading") in the button's
 * accessible name for a while (the icon's leave motion), so the name is matched at its end only.
 */
const submitButton = (page: Page) => page.getByRole('button', { name: /提\s?交$/ });
const queryButton = (page: Page) => page.getByRole('button', { name: /查\s?询$/ });

interface ComplaintView {
  id: string;
  trackingNo: string;
  state: string;
  description: string;
  version: number;
  caseId: string | null;
  caseNumber: string | null;
}

/**
 * The 12330 public pages without a sign-in (form, tracking), then the staff complaint pages: a double submit and a
 * retry after a lost answer make one complaint; a script in the text shows as text; the tracking page shows the
 * state and no personal data; an officer accepts the complaint and files it as a case, and the tracking page
 * follows. Then bad input: field errors beside the fields, a reused form after changed content (409), a flood (429).
 */
describe('12330 public complaint form, tracking page and staff complaint pages (headless Chromium)', () => {
  const suite = browserSuite();
  const { api, signIn } = suite;

  const submitCall = (r: Response) =>
    r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/complaints';

  /** The form's fields for a patent complaint about a shop in 杭州市西湖区 (routed to 杭州市局, officer.zj's). */
  async function fillComplaint(page: Page, description: string) {
    await page.getByLabel('姓名或单位名称', { exact: true }).fill('王小明');
    await page.getByLabel('手机号或联系电话', { exact: true }).fill('13912345678');
    await page.getByLabel('名称（企业或个人）', { exact: true }).fill('杭州某某电器有限公司');
    await pickOption(page, '知识产权类型', '发明专利');
    await pickOption(page, '侵权行为发生地', '浙江省杭州市西湖区', { type: '西湖区' });
    await page.getByLabel('诉求内容', { exact: true }).fill(description);
  }

  /** Signs in on the login page, ending any session an earlier test left in this browser profile. */
  async function login(page: Page, username: string) {
    await page.goto(`${suite.baseUrl}/public/track`);
    await page.evaluate('localStorage.clear()');
    await page.goto(`${suite.baseUrl}/login`);
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
    await page.getByLabel('密码', { exact: true }).press('Enter');
    await page.waitForURL('**/workbench');
  }

  async function track(page: Page, trackingNo: string, last4: string) {
    await page.goto(`${suite.baseUrl}/public/track?no=${encodeURIComponent(trackingNo)}`);
    await page.getByRole('heading', { level: 1, name: '查询办理进度' }).waitFor();
    await page.getByLabel('手机号后四位').fill(last4);
    return clickFor(
      page,
      (r) => r.url().includes(`/api/v1/public/complaints/${trackingNo}`),
      () => queryButton(page).click(),
    );
  }

  let trackingNo = '';

  it('takes a complaint from the public form to a case, trackable all the way', async () => {
    const stamp = Date.now();
    const description = `在西湖区某电器店发现涉嫌假冒我公司发明专利的产品（浏览器测试 ${stamp}）<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2">`;
    const { page, errors } = await suite.browser.newPage();

    // The public form: no sign-in, no staff shell.
    await page.goto(`${suite.baseUrl}/public/complaint`);
    await page.getByRole('heading', { level: 1, name: '网上投诉举报' }).waitFor();
    expect(page.url()).toContain('/public/complaint');
    expect(await page.locator('#app-nav').count()).toBe(0);
    // Anonymous is offered only for reports and consultations.
    expect(await page.getByText('匿名提交（不留姓名）').count()).toBe(0);
    await page.getByText('举报', { exact: true }).click();
    await page.getByText('匿名提交（不留姓名）').waitFor();
    await page.getByText('投诉', { exact: true }).click();
    await fillComplaint(page, description);

    // A double click whose answer is lost on the way back: one request, which the server did take.
    let hits = 0;
    let firstStatus = 0;
    const loseAnswer = async (route: Route) => {
      hits++;
      const res = await route.fetch();
      firstStatus = res.status();
      await route.abort('failed');
    };
    await page.route('**/api/v1/public/complaints', loseAnswer);
    await submitButton(page).dblclick();
    await page.getByText('无法连接服务器，请检查网络后重试').waitFor();
    expect(hits).toBe(1);
    expect(firstStatus).toBe(201);
    await page.unroute('**/api/v1/public/complaints', loseAnswer);

    // The retry carries the same Idempotency-Key: the server answers with the complaint it already has.
    const retry = await clickFor(page, submitCall, () => submitButton(page).click());
    expect(retry.status()).toBe(200);
    await page.getByRole('heading', { name: '提交成功，我们已收到您的诉求' }).waitFor();
    await page.getByTestId('replayed').waitFor();
    trackingNo = TRACKING_NO.exec(await page.getByTestId('tracking-no').innerText())?.[0] ?? '';
    expect(trackingNo).toMatch(TRACKING_NO);
    expect(await page.locator('main').innerText()).toContain('请记下受理编号和您所留手机号的后四位');
    await page.screenshot({ path: resolve(RESULTS, 'public-complaint-done.png'), fullPage: true });

    // One complaint, whatever the clicks and retries; the script is stored as text.
    const officer = (await signIn('officer.zj')).accessToken;
    const listed = await api<{ total: number; items: ComplaintView[] }>(
      'GET',
      '/complaints?phone=13912345678',
      officer,
    );
    expect(listed.total).toBe(1);
    expect(listed.items[0].trackingNo).toBe(trackingNo);
    expect(listed.items[0].description).toContain('<script>');

    // The tracking page: wrong digits get one message; right digits the state, and no personal data.
    await track(page, trackingNo, '0000');
    await page.getByTestId('track-not-found').waitFor();
    await queryButton(page).waitFor();
    const found = await track(page, trackingNo, '5678');
    expect(found.status()).toBe(200);
    const state = page.getByTestId('track-state');
    await expect(state.innerText()).resolves.toBe('已登记，待受理');
    const publicText = await page.locator('body').innerText();
    expect(publicText).toContain('杭州市市场监督管理局（杭州市知识产权局）');
    for (const secret of ['王小明', '13912345678', '杭州某某电器有限公司', 'script']) {
      expect(publicText).not.toContain(secret);
    }

    // Staff: the list, then the detail page, where the script shows as text and never runs.
    await login(page, 'officer.zj');
    await page.locator('#app-nav').getByText('投诉登记', { exact: true }).click();
    await page.waitForURL('**/complaints');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: trackingNo }) });
    await row.waitFor();
    expect(await row.innerText()).toContain('杭州某某电器有限公司');
    await row.getByRole('link', { name: trackingNo }).click();
    await page.waitForURL(`**/complaints/${listed.items[0].id}`);
    await page.getByRole('heading', { level: 1, name: trackingNo }).waitFor();
    const shown = await page.getByTestId('complaint-description').innerText();
    expect(shown).toContain('<script>window.__xss = 1</script>');
    expect(shown).toContain('<img src="x" onerror="window.__xss = 2">');
    // (the page's global object; the root tsconfig has no DOM types)
    expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
    const stateTag = page.getByTestId('complaint-state');
    await expect(stateTag.innerText()).resolves.toBe('已登记');

    // 受理 from the buttons the transition table offers an officer.
    const actions = page.getByRole('group', { name: '可办理的操作' });
    await actions.getByRole('button', { name: buttonName('受理') }).click();
    const acceptDialog = page.getByRole('dialog', { name: '受理' });
    await acceptDialog.getByText('办理后工单将由“已登记”变为“已受理”。').waitFor();
    const accepted = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith('/actions/accept'),
      () => acceptDialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(accepted.status()).toBe(200);
    await page.locator('[data-testid="complaint-state"][data-state="accepted"]').waitFor();

    // 转立案: a patent procedure that starts from a complaint; the case is linked from the complaint.
    await actions.getByRole('button', { name: '转立案' }).click();
    const convertDialog = page.getByRole('dialog', { name: '转立案' });
    await convertDialog.waitFor();
    await pickOption(page, '办案程序', '假冒专利行政处罚', { scope: convertDialog });
    const converted = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith('/convert'),
      () => convertDialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(converted.status()).toBe(200);
    const { caseId, caseNumber } = (await converted.json()) as ComplaintView;
    expect(caseNumber).toBeTruthy();
    await page.locator('[data-testid="complaint-state"][data-state="converted"]').waitFor();
    const caseLink = page.getByTestId('complaint-case-link');
    await expect(caseLink.innerText()).resolves.toBe(caseNumber);
    await page.screenshot({ path: resolve(RESULTS, 'complaint-detail.png'), fullPage: true });
    await caseLink.click();
    await page.waitForURL(`**/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: caseNumber! }).waitFor();

    // The complainant follows it on the tracking page: filed as a case, with its number.
    await track(page, trackingNo, '5678');
    await expect(page.getByTestId('track-state').innerText()).resolves.toBe('已立案查处');
    expect(await page.getByTestId('track-case').innerText()).toContain(caseNumber!);
    await page.screenshot({ path: resolve(RESULTS, 'public-track.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('merges a duplicate, records the notice told by hand and the callback from the detail page', async () => {
    const operator = (await signIn('operator.zj')).accessToken;
    const officer = (await signIn('officer.zj')).accessToken;
    const register = (extra: object) =>
      api<ComplaintView>('POST', '/complaints', operator, {
        channel: 'phone',
        category: 'complaint',
        complainantName: '赵大力',
        complainantPhone: '13700001111',
        respondentName: '杭州某某五金有限公司',
        respondentUscc: '91330106MA2CFXX47J',
        ipType: 'patent_invention',
        regionCode: '330106',
        description: '销售涉嫌假冒专利的五金工具',
        ...extra,
      });
    const kept = await register({});
    const duplicate = await register({ complainantName: '钱二', complainantPhone: '13700002222' });
    // A walk-in question answered with no phone or e-mail: the answer must be told by hand.
    const question = await api<ComplaintView>('POST', '/complaints', operator, {
      channel: 'walk_in',
      category: 'consultation',
      complainantName: '来访群众',
      description: '专利权无效宣告如何申请？',
    });
    await api('POST', `/complaints/${question.id}/actions/answer`, operator, {
      version: question.version,
      answer: '向国家知识产权局提出。',
    });
    // A refused and closed complaint: due for its callback.
    const called = await register({ complainantPhone: '13700003333', respondentUscc: undefined });
    const refused = await api<ComplaintView>('POST', `/complaints/${called.id}/actions/refuse`, officer, {
      version: called.version,
      refusalGround: 'materials_missing',
    });
    await api('POST', `/complaints/${called.id}/actions/close`, operator, { version: refused.version });

    const { page, errors } = await suite.browser.newPage();
    await login(page, 'operator.zj');
    const actions = page.getByRole('group', { name: '可办理的操作' });

    // 合并: the duplicate check offers the other complaint about the same credit code.
    await page.goto(`${suite.baseUrl}/complaints/${kept.id}`);
    await page.getByRole('heading', { level: 1, name: kept.trackingNo }).waitFor();
    await actions.getByRole('button', { name: '合并重复投诉' }).click();
    const mergeDialog = page.getByRole('dialog', { name: '合并重复投诉' });
    const candidate = mergeDialog.getByRole('row').filter({ hasText: duplicate.trackingNo });
    await candidate.getByText('同一信用代码').waitFor();
    await mergeDialog.getByRole('checkbox', { name: `选择工单 ${duplicate.trackingNo}` }).check();
    await mergeDialog.getByLabel('理由或说明').fill('同一被投诉方、同一事实');
    const merged = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith(`/complaints/${kept.id}/merge`),
      () => mergeDialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(merged.status()).toBe(200);
    await page.getByTestId('complaint-merged').getByRole('link', { name: duplicate.trackingNo }).waitFor();
    // The duplicate's complainant is pointed to the number that goes on.
    await page.getByTestId('complaint-merged').getByRole('link', { name: duplicate.trackingNo }).click();
    await page.getByTestId('complaint-merged-into').getByText(kept.trackingNo).waitFor();
    await expect(page.getByTestId('complaint-state').innerText()).resolves.toBe('已合并');

    // 登记告知: the walk-in was told in person.
    await page.goto(`${suite.baseUrl}/complaints/${question.id}`);
    await page.getByRole('heading', { level: 1, name: question.trackingNo }).waitFor();
    await actions.getByRole('button', { name: '登记告知' }).click();
    const noticeDialog = page.getByRole('dialog', { name: '登记已告知投诉人' });
    await pickOption(page, '告知方式', '当面告知', { scope: noticeDialog });
    const noticed = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith('/notice'),
      () => noticeDialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(noticed.status()).toBe(200);
    await page.getByText(/（当面告知）/).waitFor();
    expect(await actions.getByRole('button', { name: '登记告知' }).count()).toBe(0);

    // 回访: the callback list, then the detail: reached, satisfied (4 of 5).
    await page.goto(`${suite.baseUrl}/complaints?callback=pending`);
    await page.getByRole('link', { name: called.trackingNo }).click();
    await page.getByRole('heading', { level: 1, name: called.trackingNo }).waitFor();
    // The phone is masked on the page (issue 9); 回访 is the reason to see it: the dialog asks for it once (audited).
    const complainant = page.getByRole('main');
    await complainant.getByText('137****3333', { exact: true }).waitFor();
    expect(await complainant.getByText('13700003333').count()).toBe(0);
    await complainant.getByRole('button', { name: '显示完整的联系电话' }).waitFor();
    const shownPhone = page.waitForResponse((r) =>
      r.url().endsWith(`/complaints/${called.id}/personal-data`),
    );
    await actions.getByRole('button', { name: '登记回访' }).click();
    expect((await shownPhone).status()).toBe(200);
    const callbackDialog = page.getByRole('dialog', { name: '登记回访' });
    await callbackDialog.getByText('回访电话：13700003333').waitFor();
    await callbackDialog.getByText('已联系上', { exact: true }).click();
    await callbackDialog.locator('.ant-rate-star').nth(3).locator('[role="radio"]').click();
    await callbackDialog.getByLabel('回访意见').fill('对处理结果表示理解');
    const calledBack = await clickFor(
      page,
      (r) => r.request().method() === 'POST' && r.url().endsWith('/callback'),
      () => callbackDialog.getByRole('button', { name: '确认办理' }).click(),
    );
    expect(calledBack.status()).toBe(200);
    expect(((await calledBack.json()) as { satisfaction: number }).satisfaction).toBe(4);
    await page.getByTestId('complaint-satisfaction').getByText('满意').waitFor();
    expect(await actions.getByRole('button', { name: '登记回访' }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();

    // The public tracking page of the merged complaint names the one to follow.
    const tracked = await suite.browser.newPage();
    await track(tracked.page, duplicate.trackingNo, '2222');
    expect(await tracked.page.getByTestId('track-merged').innerText()).toContain(kept.trackingNo);
    await expect(tracked.page.getByTestId('track-state').innerText()).resolves.toBe('已与相同事项合并办理');
    await tracked.page.close();
  });

  it('shows bad input beside the fields, refuses a reused form with other content, and says when to retry', async () => {
    const { page, errors } = await suite.browser.newPage();
    await page.goto(`${suite.baseUrl}/public/complaint`);
    await page.getByRole('heading', { level: 1, name: '网上投诉举报' }).waitFor();

    // Missing required fields of a complaint: said beside each field, nothing sent.
    let sent = 0;
    const count = () => sent++;
    page.on('request', (r) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/public/complaints') count();
    });
    await submitButton(page).click();
    for (const message of [
      '请填写姓名或单位名称',
      '请填写手机号或联系电话',
      '请填写被投诉（举报）对象的名称，或其网店、网址',
      '请选择知识产权类型',
      '请选择侵权行为发生地',
      '请填写诉求内容',
    ]) {
      await page.getByText(message, { exact: true }).waitFor();
    }
    expect(sent).toBe(0);
    // A consultation asks for none of the respondent, right or place, nor the phone.
    await page.getByText('咨询', { exact: true }).click();
    expect(await page.getByLabel('名称（企业或个人）', { exact: true }).count()).toBe(0);
    await page.getByText('投诉', { exact: true }).click();

    // A field only the server can judge (a trademark number with letters): its message lands beside the field.
    await fillComplaint(page, '网店销售假冒注册商标的商品');
    await pickOption(page, '知识产权类型', '商标');
    await page.getByLabel('专利号、商标注册号或登记号').fill('12AB');
    const invalid = await clickFor(page, submitCall, () => submitButton(page).click());
    expect(invalid.status()).toBe(400);
    const rightItem = page
      .locator('.ant-form-item')
      .filter({ has: page.getByLabel('专利号、商标注册号或登记号') });
    await rightItem.locator('.ant-form-item-explain-error').waitFor();
    await page.getByText('请按提示修改标红的字段').waitFor();
    await page.getByLabel('专利号、商标注册号或登记号').fill('');

    // The answer to the corrected form is lost; the user changes the text and sends again with the same form.
    const loseAnswer = async (route: Route) => {
      await route.fetch();
      await route.abort('failed');
    };
    await page.route('**/api/v1/public/complaints', loseAnswer);
    await submitButton(page).click();
    await page.getByText('无法连接服务器，请检查网络后重试').waitFor();
    await page.unroute('**/api/v1/public/complaints', loseAnswer);
    await page.getByLabel('诉求内容', { exact: true }).fill('网店销售假冒注册商标的商品，另附购买记录');
    const reused = await clickFor(page, submitCall, () => submitButton(page).click());
    expect(reused.status()).toBe(409);
    await page.getByText('本表单已提交过，且内容与当时不同').waitFor();
    const fresh = await clickFor(page, submitCall, () =>
      page.getByRole('button', { name: '作为新事项提交' }).click(),
    );
    expect(fresh.status()).toBe(201);
    const second = TRACKING_NO.exec(await page.getByTestId('tracking-no').innerText())?.[0];
    expect(second).toMatch(TRACKING_NO);
    expect(second).not.toBe(trackingNo);

    // A flood from this address: the server's message and when to try again; the entries are kept.
    await page.getByRole('button', { name: '再反映一件事项' }).click();
    let limited = false;
    for (let i = 0; i < 30 && !limited; i++) {
      const res = await fetch(`${suite.baseUrl}/api/v1/public/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `flood-${Date.now()}-${i}` },
        body: JSON.stringify({}),
      });
      limited = res.status === 429;
    }
    expect(limited).toBe(true);
    await fillComplaint(page, '网店销售假冒专利产品');
    const flooded = await clickFor(page, submitCall, () => submitButton(page).click());
    expect(flooded.status()).toBe(429);
    const alert = page.getByTestId('rate-limited');
    await alert.getByText('请求过于频繁，请稍后再试').waitFor();
    expect(await alert.innerText()).toMatch(/请约 \d+ 秒后再试/);
    await expect(page.getByLabel('诉求内容', { exact: true }).inputValue()).resolves.toBe(
      '网店销售假冒专利产品',
    );
    await page.screenshot({ path: resolve(RESULTS, 'public-complaint-429.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });
});
