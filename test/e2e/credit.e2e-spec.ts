import { shanghaiDate, usccCheckCharacter } from '@app/domain';
import { CreditListingService, DecisionPublicationService, PublicationDeadlineSource } from '@app/credit';
import { DataSource } from 'typeorm';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Credit listing over HTTP (issue 7): the automatic proposal when a qualifying case closes, notice, statement or a
 * lapsed window, the review by a head who did not propose it, the public registry and feed, expiry by the sweep
 * with the clock moved forward, credit repair, revocation, and the refusals of bad input.
 */
describe('credit listings (e2e)', () => {
  let t: TestApp;
  let sweep: (now: Date) => Promise<{ lapsed: number; expired: number }>;
  let sweepPublications: (now: Date) => Promise<number>;
  const ids: Record<string, string> = {};
  const ID_OR_PHONE = /\d{17}[\dX]|1[3-9]\d{9}/;
  let seq = 0;
  const uscc = () => {
    const body = `91330106MA2C${String(100000 + ++seq).slice(1)}`;
    return `${body}${usccCheckCharacter(body)}`;
  };

  beforeAll(async () => {
    t = await createTestApp();
    await t.signIn('officer.zj', 'officer2.zj', 'head.hz', 'supervisor.zj', 'officer.js', 'admin');
    for (const r of await t.db.sql(`SELECT id, username FROM users`))
      ids[r.username as string] = r.id as string;
    const listings = t.app.get(CreditListingService);
    sweep = (now) => listings.sweep(now);
    const publications = t.app.get(DecisionPublicationService);
    sweepPublications = (now) => publications.sweep(now);
  });
  afterAll(() => t.close());

  const act = (user: string, caseId: string, action: string, body: object) =>
    t.as(user).post(`/api/v1/cases/${caseId}/actions/${action}`, body).expect(200);
  /** A trademark penalty case taken to closure, with the respondent given. */
  const closedCase = async (opts: {
    repeatInfringer?: boolean;
    fineFen?: number;
    outcome?: string;
    respondent: object;
  }) => {
    const c = (
      await t
        .as('officer.zj')
        .post('/api/v1/cases', {
          title: '关于某某公司涉嫌侵犯注册商标专用权案',
          ipType: 'trademark',
          procedure: 'penalty_trademark',
          source: 'ex_officio',
          regionCode: '330106',
          repeatInfringer: opts.repeatInfringer ?? false,
          officerIds: [ids['officer.zj'], ids['officer2.zj']],
          parties: [{ role: 'respondent', ...opts.respondent }],
        })
        .expect(201)
    ).body;
    const body = {
      outcome: opts.outcome ?? 'penalty',
      facts: '当事人销售侵犯注册商标专用权的商品。',
      legalBasis: '《中华人民共和国商标法》第六十条第二款',
      fineFen: opts.fineFen ?? 5_000_000,
    };
    let k = (await act('officer.zj', c.id, 'file', { version: 1 })).body;
    k = (await act('officer.zj', c.id, 'notify', { version: k.version, ...body })).body;
    k = (await act('officer.zj', c.id, 'decide', { version: k.version, ...body, defenceHeard: true })).body;
    k = (await act('officer.zj', c.id, 'serve_decision', { version: k.version })).body;
    k = (await act('officer.zj', c.id, 'close', { version: k.version })).body;
    return k;
  };
  const listingsOf = async (caseId: string) =>
    (await t.db.sql(`SELECT id FROM credit_listings WHERE case_id = $1 ORDER BY proposed_at`, [caseId])).map(
      (r) => r.id as string,
    );
  const get = async (user: string, id: string) =>
    (await t.as(user).get(`/api/v1/credit/listings/${id}`).expect(200)).body;
  const step = (user: string, id: string, action: string, body: object) =>
    t.as(user).post(`/api/v1/credit/listings/${id}/actions/${action}`, body);
  const registry = (query = '') => t.http().get(`/api/v1/public/credit-listings${query}`);
  /** The feed from a cursor; polled, since it shows a change once every older transaction has ended. */
  const feedAfter = async (cursor: string, want: number) => {
    for (let i = 0; i < 50; i++) {
      const page = (await t.http().get(`/api/v1/public/credit-listings/feed?cursor=${cursor}`).expect(200))
        .body;
      if (page.items.length >= want) return page;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('feed did not catch up');
  };

  it('proposes a repeat infringer on closure, lists it after notice and review, and expires it', async () => {
    const code = uscc();
    const c = await closedCase({
      repeatInfringer: true,
      respondent: { kind: 'enterprise', name: '杭州某某贸易有限公司', uscc: code },
    });
    const [id] = await listingsOf(c.id);
    const proposed = await get('officer.zj', id);
    expect(proposed).toMatchObject({
      state: 'proposed',
      ground: 'repeat_infringement',
      regime: 'samr_serious',
      caseId: c.id,
      subject: { kind: 'enterprise', name: '杭州某某贸易有限公司', uscc: code },
      proposedBy: { id: ids['officer.zj'] },
    });
    expect(proposed.decisionNo).toMatch(/^杭知执罚决〔\d{4}〕\d+号$/);
    expect(proposed.actions.map((a: { action: string }) => a.action).sort()).toEqual(['notify', 'withdraw']);
    const start = (await t.http().get('/api/v1/public/credit-listings/feed').expect(200)).body.nextCursor;

    // Publication needs a served notice and an answered or lapsed window, reviewed by a head.
    const early = await step('head.hz', id, 'list', { version: proposed.version, reason: '情节严重' }).expect(
      409,
    );
    expect(early.body.code).toBe('INVALID_TRANSITION');
    const today = shanghaiDate(new Date());
    const noDate = await step('officer.zj', id, 'notify', {
      version: proposed.version,
      noticeMethod: 'direct',
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors[0].field).toBe('servedOn');
    const future = await step('officer.zj', id, 'notify', {
      version: proposed.version,
      servedOn: '2999-01-01',
      noticeMethod: 'direct',
    }).expect(400);
    expect(future.body.errors[0].field).toBe('servedOn');
    const notified = (
      await step('officer.zj', id, 'notify', {
        version: proposed.version,
        servedOn: today,
        noticeMethod: 'direct',
      }).expect(200)
    ).body;
    expect(notified).toMatchObject({ state: 'notified', noticeServedOn: today });
    expect(new Date(notified.defenceDueAt).getTime()).toBeGreaterThan(Date.now());
    // The window is open: no review yet, and the lapse is the sweep's alone.
    expect(
      (await step('head.hz', id, 'list', { version: notified.version, reason: 'x' }).expect(409)).body.code,
    ).toBe('DEFENCE_WINDOW_OPEN');
    expect((await step('head.hz', id, 'lapse', { version: notified.version }).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    const defended = (
      await step('officer.zj', id, 'record_statement', {
        version: notified.version,
        statement: '当事人称系初次销售，请求不予列入。',
      }).expect(200)
    ).body;
    expect(defended.state).toBe('defended');
    // The proposer cannot review it, an officer neither; another head can.
    const own = await step('officer.zj', id, 'list', { version: defended.version, reason: '重复侵权' });
    expect(own.status).toBe(403);
    await t.db.sql(`UPDATE users SET roles = roles || '{supervisor}' WHERE username = 'officer.zj'`);
    await t.signIn('officer.zj');
    expect(
      (await step('officer.zj', id, 'list', { version: defended.version, reason: '重复侵权' }).expect(403))
        .body.code,
    ).toBe('FOUR_EYES');
    await t.db.sql(`UPDATE users SET roles = '{officer}' WHERE username = 'officer.zj'`);
    await t.signIn('officer.zj');
    const listed = (
      await step('head.hz', id, 'list', {
        version: defended.version,
        reason: '两年内再次侵权，情节严重',
      }).expect(200)
    ).body;
    expect(listed).toMatchObject({
      state: 'published',
      publishFrom: today,
      reviewedBy: { id: ids['head.hz'] },
    });
    expect(listed.publishUntil.slice(0, 4)).toBe(String(Number(today.slice(0, 4)) + 3));

    // On the public registry: by name and by code, JSON and CSV, with a strong ETag; nothing personal.
    const byName = await registry(`?q=${encodeURIComponent('某某贸易')}`).expect(200);
    expect(byName.body.items.map((i: { listingNo: string }) => i.listingNo)).toContain(listed.listingNo);
    const entry = byName.body.items.find((i: { listingNo: string }) => i.listingNo === listed.listingNo);
    expect(entry).toMatchObject({
      subjectUscc: code,
      authority: expect.stringContaining('杭州'),
      decisionNo: listed.decisionNo,
    });
    expect(entry).not.toHaveProperty('facts');
    expect(byName.headers.etag).toMatch(/^"[\w-]+"$/);
    expect(byName.headers['cache-control']).toBe('public, no-cache');
    await registry(`?q=${encodeURIComponent('某某贸易')}`)
      .set('if-none-match', byName.headers.etag)
      .expect(304);
    const byCode = (await registry(`?uscc=${code}`).expect(200)).body;
    expect(byCode.items).toHaveLength(1);
    // Answered from the cache now — but never a query the controller would refuse.
    expect((await registry(`?uscc=${code}`).expect(200)).body).toEqual(byCode);
    await registry(`?uscc=${code}&state=proposed`).expect(400);
    await registry(`?uscc=${code}&uscc=${code}`).expect(400);
    const csv = await registry(`?uscc=${code}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.text).toContain(listed.listingNo);
    expect(csv.text).toContain('列入编号');
    await registry('?uscc=123').expect(400);
    const listedFeed = await feedAfter(start, 1);
    expect(listedFeed.items[0]).toMatchObject({
      change: 'listed',
      reason: null,
      listing: { listingNo: listed.listingNo },
    });

    // The sweep removes it when its period ends (the clock moved forward), and the feed reports the removal.
    const later = new Date(`${listed.publishUntil}T00:00:00+08:00`);
    expect(await sweep(new Date(later.getTime() - 3_600_000))).toMatchObject({ expired: 0 });
    expect((await sweep(new Date(later.getTime() + 2 * 86_400_000))).expired).toBeGreaterThanOrEqual(1);
    const expired = await get('officer.zj', id);
    expect(expired).toMatchObject({ state: 'expired' });
    expect((await registry(`?uscc=${code}`).expect(200)).body.items).toEqual([]);
    const removedFeed = await feedAfter(listedFeed.nextCursor, 1);
    expect(removedFeed.items[0]).toMatchObject({
      change: 'removed',
      reason: 'expired',
      listing: { listingNo: listed.listingNo },
    });
    expect(expired.events.map((e: { action: string }) => e.action)).toEqual([
      'propose',
      'notify',
      'record_statement',
      'list',
      'expire',
    ]);
  });

  it('lapses an unanswered window, masks an individual in public, repairs early and revokes', async () => {
    const person = {
      kind: 'individual',
      name: '张三丰',
      idNumber: '11010519491231002X',
      phone: '13800138000',
    };
    const c = await closedCase({ fineFen: 150_000_00, respondent: person });
    const [id] = await listingsOf(c.id);
    let l = await get('officer.zj', id);
    expect(l).toMatchObject({
      ground: 'heavy_fine',
      // Staff views mask it too (the full number: the case party's audited reveal).
      subject: { kind: 'individual', idNumber: '110105********002X' },
    });
    l = (
      await step('officer.zj', id, 'notify', {
        version: l.version,
        servedOn: shanghaiDate(new Date()),
        noticeMethod: 'mail',
      }).expect(200)
    ).body;
    // Nothing heard: the sweep lapses the window once it has passed.
    expect((await sweep(new Date())).lapsed).toBe(0);
    expect((await sweep(new Date(new Date(l.defenceDueAt).getTime() + 1000))).lapsed).toBe(1);
    l = await get('officer.zj', id);
    expect(l.state).toBe('lapsed');
    await step('officer.zj', id, 'record_statement', { version: l.version, statement: '迟到的申辩' }).expect(
      409,
    );
    l = (await step('head.hz', id, 'list', { version: l.version, reason: '罚款达到从重标准' }).expect(200))
      .body;

    // The public sees the surname and a masked ID only; no phone anywhere in public responses.
    const page = await registry(`?region=330000`).expect(200);
    const mine = page.body.items.find((i: { listingNo: string }) => i.listingNo === l.listingNo);
    expect(mine).toMatchObject({
      subjectKind: 'individual',
      subjectName: '张**',
      subjectIdMasked: '110105********002X',
    });
    expect(page.text).not.toMatch(ID_OR_PHONE);
    expect((await registry(`?region=330000&format=csv`).expect(200)).text).not.toMatch(ID_OR_PHONE);
    expect((await registry(`?q=${encodeURIComponent('张三丰')}`).expect(200)).body.items).toEqual([]);
    const feed = (await t.http().get('/api/v1/public/credit-listings/feed').expect(200)).text;
    expect(feed).not.toMatch(ID_OR_PHONE);
    expect(feed).not.toContain('张三丰');

    // Credit repair: too early, then (a year on, here by moving the publication back) every condition declared.
    const repair = { version: l.version, applicant: '张三丰', explanation: '已缴纳全部罚款并消除影响。' };
    const tooEarly = await t
      .as('officer.zj')
      .post(`/api/v1/credit/listings/${id}/repairs`, {
        ...repair,
        conditions: ['complied', 'remedied', 'no_new_penalty', 'measures_done'],
      })
      .expect(409);
    expect(tooEarly.body.code).toBe('REPAIR_TOO_EARLY');
    await t.db.sql(`UPDATE credit_listings SET publish_from = publish_from - 400 WHERE id = $1`, [id]);
    const missing = await t
      .as('officer.zj')
      .post(`/api/v1/credit/listings/${id}/repairs`, { ...repair, conditions: ['complied'] })
      .expect(400);
    expect(missing.body.errors[0].field).toBe('conditions');
    l = (
      await t
        .as('officer.zj')
        .post(`/api/v1/credit/listings/${id}/repairs`, {
          ...repair,
          conditions: ['complied', 'remedied', 'no_new_penalty', 'measures_done'],
        })
        .expect(200)
    ).body;
    expect(l.repairs).toHaveLength(1);
    expect(l.actions).toEqual([]); // an officer records the application; a head decides it
    l = await get('head.hz', id);
    expect(l.actions.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['approve_repair', 'refuse_repair', 'revoke']),
    );
    const refused = (
      await step('head.hz', id, 'refuse_repair', { version: l.version, reason: '罚款尚未缴清' }).expect(200)
    ).body;
    expect(refused).toMatchObject({ state: 'published', repairs: [{ state: 'refused' }] });
    // Revoked when the decision behind it is overturned: gone from the registry, a removal on the feed.
    const revoked = (
      await step('head.hz', id, 'revoke', {
        version: refused.version,
        reason: '行政复议撤销原处罚决定',
      }).expect(200)
    ).body;
    expect(revoked).toMatchObject({ state: 'revoked', removalReason: '行政复议撤销原处罚决定' });
    expect(
      (await registry(`?region=330000`).expect(200)).body.items.map(
        (i: { listingNo: string }) => i.listingNo,
      ),
    ).not.toContain(l.listingNo);
  });

  it('takes manual proposals with their legal basis and refuses bad input, changing nothing', async () => {
    const before = (await t.db.sql(`SELECT count(*)::int AS n FROM credit_listings`))[0].n as number;
    const propose = (body: object, user = 'officer.zj') => t.as(user).post('/api/v1/credit/listings', body);
    const base = {
      ground: 'refusing_execution',
      legalBasis: '《专利纠纷行政裁决和调解办法》第三十四条',
      facts: '当事人有履行能力但拒不履行行政裁决。',
      decisionNo: '杭知执裁〔2026〕3号',
      decisionDate: '2026-10-10',
      subjectKind: 'enterprise',
      subjectName: '杭州某某科技有限公司',
    };
    const bad = await propose({ ...base, subjectUscc: '9133010' }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['subjectUscc']);
    const noBasis = await propose({ ...base, legalBasis: '', subjectUscc: uscc() }).expect(400);
    expect(noBasis.body.errors[0].field).toBe('legalBasis');
    const wrongKind = await propose({ ...base, subjectKind: 'individual', subjectUscc: uscc() }).expect(400);
    expect(wrongKind.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'subjectIdNumber',
      'subjectUscc',
    ]);
    await propose({ ...base, subjectUscc: uscc() }, 'officer.js')
      .expect(201)
      .then(async (res) => {
        // 南京's own proposal stays 南京's: 杭州 cannot read or act on it.
        await t.as('officer.zj').get(`/api/v1/credit/listings/${res.body.id}`).expect(403);
      });
    const code = uscc();
    const first = (await propose({ ...base, subjectUscc: code }).expect(201)).body;
    expect(first).toMatchObject({ state: 'proposed', ground: 'refusing_execution', regime: 'cnipa_credit' });
    expect((await propose({ ...base, subjectUscc: code }).expect(409)).body.code).toBe('LISTING_EXISTS');
    const withdrawn = (
      await step('officer.zj', first.id, 'withdraw', {
        version: first.version,
        reason: '当事人已履行',
      }).expect(200)
    ).body;
    expect(withdrawn.state).toBe('withdrawn');
    await step('officer.zj', first.id, 'notify', {
      version: withdrawn.version,
      servedOn: '2026-10-11',
      noticeMethod: 'mail',
    }).expect(409);
    await step('officer.zj', first.id, 'bogus', { version: withdrawn.version }).expect(404);
    expect((await t.db.sql(`SELECT count(*)::int AS n FROM credit_listings`))[0].n).toBe(before + 2);

    // A review after the window ended, before the sweep came by, records the lapse first.
    let late = (await propose({ ...base, subjectUscc: uscc() }).expect(201)).body;
    late = (
      await step('officer.zj', late.id, 'notify', {
        version: late.version,
        servedOn: shanghaiDate(new Date()),
        noticeMethod: 'direct',
      }).expect(200)
    ).body;
    await t.db.sql(`UPDATE credit_listings SET defence_due_at = now() - interval '1 minute' WHERE id = $1`, [
      late.id,
    ]);
    late = (
      await step('head.hz', late.id, 'reject', { version: late.version, reason: '情节较轻' }).expect(200)
    ).body;
    expect(late.state).toBe('rejected');
    expect(late.events.map((e: { action: string }) => e.action)).toEqual([
      'propose',
      'notify',
      'lapse',
      'reject',
    ]);

    // A case closed with an ordinary penalty is not proposed.
    const plain = await closedCase({
      respondent: { kind: 'enterprise', name: '杭州普通商行', uscc: uscc() },
    });
    expect(await listingsOf(plain.id)).toEqual([]);

    // The work queues count what waits at each step.
    const page = (await t.as('head.hz').get('/api/v1/credit/listings?queue=proposals').expect(200)).body;
    expect(page.counts).toMatchObject({ proposals: expect.any(Number), closed: expect.any(Number) });
    expect(page.items.every((i: { state: string }) => i.state === 'proposed')).toBe(true);
  });

  it('publishes a penalty decision within its period, never a warning, and withdraws, stops and ends it', async () => {
    const publicationOf = async (caseId: string) => {
      const [row] = await t.db.sql(`SELECT id FROM decision_publications WHERE case_id = $1`, [caseId]);
      return row
        ? ((await t.as('officer.zj').get(`/api/v1/credit/publications/${row.id}`).expect(200)).body as {
            id: string;
            state: string;
            version: number;
            [k: string]: unknown;
          })
        : null;
    };
    const pubStep = (user: string, id: string, action: string, body: object) =>
      t.as(user).post(`/api/v1/credit/publications/${id}/actions/${action}`, body);
    const decisions = (query = '') => t.http().get(`/api/v1/public/decisions${query}`);

    // A warning is never published.
    const warned = await closedCase({
      outcome: 'warning',
      respondent: { kind: 'enterprise', name: '杭州警告商行', uscc: uscc() },
    });
    expect(await publicationOf(warned.id)).toBeNull();

    // A penalty: pending from the decision, due in 20 working days, summarised without the officer's text.
    const person = {
      kind: 'individual',
      name: '李四光',
      idNumber: '11010519491231002X',
      phone: '13900139000',
    };
    const c = await closedCase({ fineFen: 5_000_000, respondent: person });
    let p = (await publicationOf(c.id))!;
    expect(p).toMatchObject({
      state: 'pending',
      partyKind: 'individual',
      partyName: '李**',
      partyUscc: null,
      penalty: '罚款人民币50000元',
      periodMonths: 36,
      overdue: false,
    });
    expect(p.violation).toContain('商标侵权行政处罚');
    expect(new Date(p.dueAt as string).getTime()).toBeGreaterThan(Date.now() + 14 * 86_400_000);
    await decisions(`?q=${encodeURIComponent(p.decisionNo as string)}`)
      .expect(200)
      .then((res) => {
        expect(res.body.items).toEqual([]); // not yet
      });
    p = (await pubStep('officer.zj', p.id, 'publish', { version: p.version }).expect(200)).body;
    expect(p).toMatchObject({ state: 'published', publishFrom: shanghaiDate(new Date()) });
    const listed = await decisions(`?q=${encodeURIComponent(p.decisionNo as string)}`).expect(200);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ decisionNo: p.decisionNo, partyName: '李**', penalty: '罚款人民币50000元' }),
    ]);
    expect(listed.body).toMatchObject({ total: 1, totalCapped: false });
    expect(listed.body.items[0].regionName).toBe('西湖区');
    expect(listed.text).not.toMatch(ID_OR_PHONE);
    expect(listed.text).not.toContain('李四光');

    // The decision is changed on review: the publication is due to come down within 3 working days (the
    // deadline sweep reminds), and is withdrawn (a reason is required); then it is gone from the public list.
    p = (
      await pubStep('officer.zj', p.id, 'decision_changed', {
        version: p.version,
        reason: '行政复议决定变更罚款数额',
      }).expect(200)
    ).body;
    expect(p).toMatchObject({ state: 'published', overdue: false });
    const takeDown = new Date(p.withdrawDueAt as string).getTime();
    expect(takeDown).toBeGreaterThan(Date.now() + 2 * 86_400_000);
    expect(takeDown).toBeLessThan(Date.now() + 12 * 86_400_000);
    const source = new PublicationDeadlineSource(
      { register: () => undefined } as never,
      t.app.get(DataSource),
    );
    const due: { itemId: string; deadlineKey: string }[] = [];
    for await (const item of source.openItems({
      dueBefore: new Date(Date.now() + 30 * 86_400_000),
    } as never)) {
      due.push(item);
    }
    expect(due.filter((d) => d.itemId === p.id).map((d) => d.deadlineKey)).toEqual([
      'publication_withdrawal',
    ]);
    await pubStep('officer.zj', p.id, 'withdraw', { version: p.version }).expect(400);
    const withdrawn = (
      await pubStep('officer.zj', p.id, 'withdraw', {
        version: p.version,
        reason: '原处罚决定经复议变更',
      }).expect(200)
    ).body;
    expect(withdrawn).toMatchObject({
      state: 'withdrawn',
      endReason: '原处罚决定经复议变更',
      withdrawDueAt: null,
    });
    expect(
      (await decisions(`?q=${encodeURIComponent(p.decisionNo as string)}`).expect(200)).body.items,
    ).toEqual([]);

    // A low fine is shown for 3 months; only a head stops it early; the sweep ends it when the period is over.
    const low = await closedCase({
      fineFen: 500_000,
      respondent: { kind: 'enterprise', name: '杭州小额商行', uscc: uscc() },
    });
    let q = (await publicationOf(low.id))!;
    expect(q.periodMonths).toBe(3);
    q = (await pubStep('officer.zj', q.id, 'publish', { version: q.version }).expect(200)).body;
    await pubStep('officer.zj', q.id, 'stop', { version: q.version, reason: '已履行' }).expect(403);
    await pubStep('head.hz', q.id, 'expire', { version: q.version }).expect(403);
    expect(await sweepPublications(new Date())).toBe(0);
    expect(await sweepPublications(new Date(`${q.publishUntil as string}T12:00:00+08:00`))).toBe(0);
    expect(
      await sweepPublications(
        new Date(Date.parse(`${q.publishUntil as string}T00:00:00+08:00`) + 2 * 86_400_000),
      ),
    ).toBe(1);
    expect((await publicationOf(low.id))!.state).toBe('expired');

    const third = await closedCase({
      respondent: { kind: 'enterprise', name: '杭州第三商行', uscc: uscc() },
    });
    let r = (await publicationOf(third.id))!;
    r = (await pubStep('officer.zj', r.id, 'publish', { version: r.version }).expect(200)).body;
    const stopped = (
      await pubStep('head.hz', r.id, 'stop', {
        version: r.version,
        reason: '已履行处罚、消除影响，申请提前停止公示',
      }).expect(200)
    ).body;
    expect(stopped.state).toBe('stopped');
    const pending = (await t.as('head.hz').get('/api/v1/credit/publications?state=stopped').expect(200)).body;
    expect(pending.items.map((i: { id: string }) => i.id)).toContain(r.id);
    expect(pending.counts).toMatchObject({ stopped: pending.total, expired: 1, withdrawn: 1 });
  });

  it("keeps the statement's papers and approves credit repair only with every material", async () => {
    const attach = (id: string, kind: string, name: string, content = `${kind} ${name}`) =>
      t
        .as('officer.zj')
        .upload(`/api/v1/credit/listings/${id}/attachments`)
        .field('kind', kind)
        .attach('file', Buffer.from(content), name);
    const code = uscc();
    let l = (
      await t
        .as('officer.zj')
        .post('/api/v1/credit/listings', {
          ground: 'refusing_execution',
          legalBasis: '《专利纠纷行政裁决和调解办法》第三十四条',
          facts: '有履行能力而拒不履行行政裁决。',
          decisionNo: '杭知执裁〔2026〕9号',
          decisionDate: '2026-09-01',
          subjectKind: 'enterprise',
          subjectName: '杭州拒履行科技有限公司',
          subjectUscc: code,
        })
        .expect(201)
    ).body;
    // No papers before the notice is served.
    expect((await attach(l.id, 'statement', 'early.pdf').expect(409)).body.code).toBe('INVALID_TRANSITION');
    l = (
      await step('officer.zj', l.id, 'notify', {
        version: l.version,
        servedOn: shanghaiDate(new Date()),
        noticeMethod: 'electronic',
      }).expect(200)
    ).body;
    expect((await attach(l.id, 'statement', 'run.exe').expect(400)).body.errors[0].code).toBe('FILE_TYPE');
    const paper = (await attach(l.id, 'statement', '申辩书.pdf', 'statement body').expect(201)).body;
    expect(paper).toMatchObject({ kind: 'statement', fileName: '申辩书.pdf', repairId: null });
    const file = await t
      .as('officer.zj')
      .get(`/api/v1/credit/listings/${l.id}/attachments/${paper.id}/content`)
      .buffer(true)
      .expect(200);
    expect(file.headers['x-content-sha256']).toBe(paper.sha256);
    l = (
      await step('officer.zj', l.id, 'record_statement', {
        version: l.version,
        statement: '已部分履行。',
      }).expect(200)
    ).body;
    l = (await step('head.hz', l.id, 'list', { version: l.version, reason: '拒不履行' }).expect(200)).body;
    expect(l.attachments.map((a: { id: string }) => a.id)).toEqual([paper.id]);
    expect(l.regime).toBe('cnipa_credit');

    // Repair materials go with a recorded application; approval needs all four.
    expect((await attach(l.id, 'pledge', 'pledge.pdf').expect(409)).body.code).toBe('INVALID_TRANSITION');
    await t.db.sql(`UPDATE credit_listings SET publish_from = publish_from - 200 WHERE id = $1`, [l.id]);
    l = (
      await t
        .as('officer.zj')
        .post(`/api/v1/credit/listings/${l.id}/repairs`, {
          version: l.version,
          applicant: '杭州拒履行科技有限公司',
          conditions: ['complied', 'remedied', 'no_new_penalty', 'measures_done'],
          explanation: '已全部履行行政裁决。',
        })
        .expect(200)
    ).body;
    expect((await attach(l.id, 'receipt', 'x.pdf').expect(400)).body.errors[0].field).toBe('kind');
    for (const kind of ['application', 'identity', 'pledge'])
      await attach(l.id, kind, `${kind}.pdf`).expect(201);
    const incomplete = await step('head.hz', l.id, 'approve_repair', {
      version: l.version,
      reason: '符合条件',
    }).expect(409);
    expect(
      incomplete.body.missing ?? incomplete.body.details?.missing ?? incomplete.body.detail,
    ).toBeTruthy();
    expect(JSON.stringify(incomplete.body)).toContain('compliance');
    await attach(l.id, 'compliance', 'paid.pdf').expect(201);
    const [{ cursor }] = (
      await t.http().get('/api/v1/public/credit-listings/feed?limit=500').expect(200)
    ).body.items.slice(-1);
    const repaired = (
      await step('head.hz', l.id, 'approve_repair', {
        version: l.version,
        reason: '已履行并提交全部材料',
      }).expect(200)
    ).body;
    expect(repaired).toMatchObject({ state: 'repaired', repairs: [{ state: 'approved' }] });
    expect(repaired.attachments.filter((a: { repairId: string | null }) => a.repairId)).toHaveLength(4);
    expect((await registry(`?uscc=${code}`).expect(200)).body.items).toEqual([]);
    const removed = await feedAfter(cursor, 1);
    expect(
      removed.items.find((i: { listing: { subjectUscc: string } }) => i.listing.subjectUscc === code),
    ).toMatchObject({
      change: 'removed',
      reason: 'repaired',
    });
  });
});
