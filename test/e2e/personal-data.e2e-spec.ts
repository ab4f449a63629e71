import { findPersonalData, shanghaiDate, type PersonalDataHit } from '@app/domain';
import { CreditListingService } from '@app/credit';
import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Personal data (issue 9): phones, ID numbers and e-mail addresses of complainants and case parties are masked in
 * every staff read for every role; the full values come only from an audited reveal that operators and handling
 * officers may make and supervisors and admins may not; a masked value sent back is refused, never stored; and no
 * public endpoint (every unauthenticated GET of the OpenAPI document) shows any of them.
 */
describe('personal data (e2e)', () => {
  let t: TestApp;
  const STAFF = ['admin', 'supervisor.zj', 'officer.zj', 'operator.zj', 'head.hz'];
  const OTHERS = ['officer2.zj', 'officer.js', 'operator.js', 'supervisor.js'];
  const ids: Record<string, string> = {};
  const offices: Record<string, string> = {};

  // Valid data (the ID numbers pass their check character, so the scans would find them unmasked).
  const PHONE = '13812345678';
  const ID = '11010519491231002X';
  const EMAIL = 'zhang.san@example.cn';
  const PARTY_PHONE = '13987654321';
  const PARTY_ID = '330106198001011235';

  /** Unmasked personal data of the fixtures found in a body (the scan, restricted to values we planted). */
  const planted = [PHONE, ID, EMAIL, PARTY_PHONE, PARTY_ID];
  const leaks = (text: string): PersonalDataHit[] =>
    findPersonalData(text).filter(
      (h) => planted.includes(h.value.toUpperCase()) || planted.includes(h.value),
    );

  let complaint: { id: string; trackingNo: string; officeName: string };
  let confidential: { id: string; trackingNo: string };
  let elsewhere: { id: string; trackingNo: string; officeName: string };
  let openCase: { id: string; version: number; partyId: string };
  let closedCase: { id: string; partyId: string };
  let listingNo: string;
  let decisionNo: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.signIn(...STAFF, ...OTHERS);
    for (const r of await t.db.sql(`SELECT id, username FROM users`))
      ids[r.username as string] = r.id as string;
    for (const r of await t.db.sql(`SELECT id, name FROM offices`))
      offices[r.name as string] = r.id as string;

    const register = async (extra: object) =>
      (
        await t
          .as('operator.zj')
          .post('/api/v1/complaints', {
            channel: 'phone',
            category: 'complaint',
            complainantName: '张三',
            complainantPhone: PHONE,
            complainantIdNumber: ID,
            complainantEmail: EMAIL,
            respondentName: '杭州某某贸易有限公司',
            ipType: 'trademark',
            regionCode: '330105', // 拱墅区: handled by the city bureau, officer.zj's office
            description: '销售假冒注册商标的商品',
            ...extra,
          })
          .expect(201)
      ).body as { id: string; trackingNo: string; officeName: string };
    complaint = await register({});
    expect(complaint.officeName).toBe('杭州市市场监督管理局（杭州市知识产权局）');
    confidential = await register({ category: 'report', complainantName: '李举报' });
    // 西湖区 has its own trademark bureau: officer.zj sees this complaint by region but does not handle it.
    elsewhere = await register({ regionCode: '330106' });
    expect(elsewhere.officeName).toBe('杭州市西湖区市场监督管理局');

    const party = {
      role: 'respondent',
      kind: 'individual',
      name: '王五',
      idNumber: PARTY_ID,
      phone: PARTY_PHONE,
      address: '杭州市西湖区某路1号',
    };
    const newCase = async () =>
      (
        await t
          .as('officer.zj')
          .post('/api/v1/cases', {
            title: '关于王五涉嫌侵犯注册商标专用权案',
            ipType: 'trademark',
            procedure: 'penalty_trademark',
            source: 'ex_officio',
            regionCode: '330106',
            officerIds: [ids['officer.zj'], ids['officer2.zj']],
            parties: [party],
          })
          .expect(201)
      ).body as { id: string; version: number; parties: { id: string }[] };
    const o = await newCase();
    openCase = { id: o.id, version: o.version, partyId: o.parties[0].id };

    // A closed penalty case with a heavy fine: its decision is published and its respondent listed.
    const c = await newCase();
    closedCase = { id: c.id, partyId: c.parties[0].id };
    const act = async (action: string, body: object) => {
      const version = (await t.as('officer.zj').get(`/api/v1/cases/${c.id}`).expect(200)).body.version;
      await t
        .as('officer.zj')
        .post(`/api/v1/cases/${c.id}/actions/${action}`, { version, ...body })
        .expect(200);
    };
    const decision = {
      outcome: 'penalty',
      facts: `当事人王五（身份证号${PARTY_ID}，电话${PARTY_PHONE}）销售侵犯注册商标专用权的商品。`,
      legalBasis: `《中华人民共和国商标法》第六十条第二款；当事人联系电话${PARTY_PHONE}`,
      fineFen: 150_000_00,
    };
    await act('file', {});
    await act('notify', decision);
    await act('decide', { ...decision, defenceHeard: true });
    await act('serve_decision', {});
    await act('close', {});

    const [pub] = await t.db.sql(`SELECT id FROM decision_publications WHERE case_id = $1`, [c.id]);
    const p = (await t.as('officer.zj').get(`/api/v1/credit/publications/${pub.id}`).expect(200)).body;
    decisionNo = p.decisionNo;
    await t
      .as('officer.zj')
      .post(`/api/v1/credit/publications/${p.id}/actions/publish`, { version: p.version })
      .expect(200);

    const [listing] = await t.db.sql(`SELECT id FROM credit_listings WHERE case_id = $1`, [c.id]);
    let l = (await t.as('officer.zj').get(`/api/v1/credit/listings/${listing.id}`).expect(200)).body;
    l = (
      await t
        .as('officer.zj')
        .post(`/api/v1/credit/listings/${l.id}/actions/notify`, {
          version: l.version,
          servedOn: shanghaiDate(new Date()),
          noticeMethod: 'mail',
        })
        .expect(200)
    ).body;
    await t.app.get(CreditListingService).sweep(new Date(new Date(l.defenceDueAt).getTime() + 1000));
    l = (await t.as('officer.zj').get(`/api/v1/credit/listings/${l.id}`).expect(200)).body;
    l = (
      await t
        .as('head.hz')
        .post(`/api/v1/credit/listings/${l.id}/actions/list`, {
          version: l.version,
          reason: '罚款达到从重标准',
        })
        .expect(200)
    ).body;
    expect(l.state).toBe('published');
    listingNo = l.listingNo;
  });
  afterAll(() => t.close());

  describe('staff reads are masked for every role', () => {
    it('complaint list, detail, caller history and the registration answer', async () => {
      const masked = {
        complainantPhone: '138****5678',
        complainantIdNumber: '110105********002X',
        complainantEmail: 'z***@example.cn',
      };
      const answer = (
        await t
          .as('operator.zj')
          .post('/api/v1/complaints', {
            channel: 'walk_in',
            category: 'consultation',
            complainantName: '赵六',
            complainantPhone: PHONE,
            complainantIdNumber: ID,
            complainantEmail: EMAIL,
            description: '咨询商标维权流程',
          })
          .expect(201)
      ).body;
      expect(answer).toMatchObject(masked);
      for (const user of STAFF) {
        const detail = await t.as(user).get(`/api/v1/complaints/${complaint.id}`).expect(200);
        expect(detail.body).toMatchObject(masked);
        expect(leaks(detail.text)).toEqual([]);
        // The caller history still finds the caller by the full phone, and shows it masked.
        const history = await t.as(user).get(`/api/v1/complaints?phone=${PHONE}&pageSize=100`).expect(200);
        expect(history.body.items.map((i: { id: string }) => i.id)).toContain(complaint.id);
        expect(leaks(history.text)).toEqual([]);
        const list = await t.as(user).get('/api/v1/complaints?pageSize=100').expect(200);
        expect(list.body.items.length).toBeGreaterThan(0);
        expect(leaks(list.text)).toEqual([]);
      }
      // A confidential complainant stays withheld (not merely masked) from those who do not handle it.
      const seen = (await t.as('officer.zj').get(`/api/v1/complaints/${elsewhere.id}`).expect(200)).body;
      expect(seen).toMatchObject(masked);
      const withheld = await t.as('supervisor.zj').get(`/api/v1/complaints/${confidential.id}`).expect(200);
      expect(withheld.body).toMatchObject({ complainantName: '（保密）', complainantPhone: null });
      const taker = (await t.as('operator.zj').get(`/api/v1/complaints/${confidential.id}`).expect(200)).body;
      expect(taker).toMatchObject({ complainantName: '李举报', ...masked });
    });

    it('follow-up answers (answer, close, the callback list, the callback) and the duplicate check', async () => {
      const masked = { complainantPhone: '138****5678', complainantEmail: 'z***@example.cn' };
      const q = (
        await t
          .as('operator.zj')
          .post('/api/v1/complaints', {
            channel: 'walk_in',
            category: 'consultation',
            complainantName: '孙八',
            complainantPhone: PHONE,
            complainantEmail: EMAIL,
            regionCode: '330105',
            description: '如何申请维权援助？',
          })
          .expect(201)
      ).body;
      const step = async (path: string, body: object) => {
        const res = await t.as('operator.zj').post(`/api/v1/complaints/${q.id}/${path}`, body).expect(200);
        expect(res.body).toMatchObject(masked);
        expect(leaks(res.text)).toEqual([]);
        return res.body as { version: number };
      };
      let v = await step('actions/answer', { version: q.version, answer: '可向本中心提交维权援助申请表。' });
      v = await step('actions/close', { version: v.version });
      // The operators' callback list: the complaint is on it, its phone masked.
      const due = await t
        .as('operator.zj')
        .get('/api/v1/complaints?callback=pending&pageSize=100')
        .expect(200);
      expect(due.body.items.find((i: { id: string }) => i.id === q.id)).toMatchObject(masked);
      expect(leaks(due.text)).toEqual([]);
      await step('callback', { version: v.version, reached: true, satisfaction: 5 });

      // The merge dialog sends the masked phone it shows with the complaint's id: the stored phone is used.
      const dup = await t
        .as('officer.zj')
        .get(
          `/api/v1/complaints/duplicates?phone=${encodeURIComponent('138****5678')}&excludeId=${complaint.id}`,
        )
        .expect(200);
      const reasons = Object.fromEntries(
        dup.body.map((h: { id: string; reasons: string[] }) => [h.id, h.reasons]),
      );
      expect(reasons[elsewhere.id]).toContain('phone');
      expect(leaks(dup.text)).toEqual([]);
      // A masked phone that is not the complaint's matches nothing.
      const other = await t
        .as('officer.zj')
        .get(
          `/api/v1/complaints/duplicates?phone=${encodeURIComponent('139****5678')}&excludeId=${complaint.id}`,
        )
        .expect(200);
      expect(other.body).toEqual([]);
    });

    it('case parties in the case detail, list, export and timeline', async () => {
      for (const user of ['admin', 'supervisor.zj', 'officer.zj', 'head.hz']) {
        const detail = await t.as(user).get(`/api/v1/cases/${closedCase.id}`).expect(200);
        expect(detail.body.parties[0]).toMatchObject({
          name: '王五',
          idNumber: '330106********1235',
          phone: '139****4321',
        });
        expect(leaks(detail.text)).toEqual([]);
        for (const url of [
          `/api/v1/cases?pageSize=100`,
          `/api/v1/cases/export?format=csv`,
          `/api/v1/cases/${closedCase.id}/timeline`,
        ]) {
          const res = await t.as(user).get(url).expect(200);
          expect(leaks(res.text)).toEqual([]);
        }
      }
      // The command answers (case detail after a change) are masked too.
      const added = await t
        .as('officer.zj')
        .post(`/api/v1/cases/${openCase.id}/parties`, {
          version: openCase.version,
          role: 'claimant',
          kind: 'individual',
          name: '钱七',
          idNumber: ID,
          phone: PHONE,
        })
        .expect(200);
      expect(leaks(added.text)).toEqual([]);
      expect(added.body.parties.map((p: { phone: string }) => p.phone)).toEqual([
        '139****4321',
        '138****5678',
      ]);
      openCase.version = added.body.version;
    });
    it("the dead-letter view shows a complainant's phone and e-mail masked, in recipients and errors", async () => {
      const [outbox] = await t.db.sql(`SELECT id, topic FROM outbox ORDER BY id DESC LIMIT 1`);
      const rows = await t.db.sql(
        `INSERT INTO notification_deliveries (outbox_id, topic, channel, recipient, status, attempts, last_error)
         VALUES ($1, $2, 'sms', 'sms:' || $3::text, 'dead', 5, 'gateway refused ' || $3::text),
                ($1, $2, 'email', 'email:' || $4::text, 'dead', 5, '550 no mailbox ' || $4::text)
         RETURNING id::text AS id`,
        [outbox.id, outbox.topic, PHONE, EMAIL],
      );
      const page = await t.as('admin').get('/api/v1/dead-letters?pageSize=100').expect(200);
      const mine = page.body.items.filter((d: { id: string }) => rows.some((r) => r.id === String(d.id)));
      expect(mine.map((d: { recipient: string }) => d.recipient).sort()).toEqual([
        'email:z***@example.cn',
        'sms:138****5678',
      ]);
      expect(leaks(page.text)).toEqual([]);
      for (const r of rows) {
        const one = await t.as('admin').get(`/api/v1/dead-letters/${r.id}`).expect(200);
        expect(leaks(one.text)).toEqual([]);
      }
    });
  });

  describe('the audited reveal', () => {
    const reveals = async (entityId: string) =>
      t.db.sql(
        `SELECT actor_name, action, entity_type, data, request_id FROM audit_events
          WHERE action = 'personal_data.revealed' AND entity_id = $1 ORDER BY id`,
        [entityId],
      );

    it("gives an operator and the handling office's officers the complainant's data, audited each time", async () => {
      for (const [i, user] of ['operator.zj', 'officer.zj', 'head.hz'].entries()) {
        const requestId = `h6-reveal-${i}-${randomUUID()}`;
        const res = await t
          .as(user)
          .get(`/api/v1/complaints/${complaint.id}/personal-data`)
          .set('x-request-id', requestId)
          .expect(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.body).toEqual({
          complaintId: complaint.id,
          trackingNo: complaint.trackingNo,
          complainantPhone: PHONE,
          complainantIdNumber: ID,
          complainantEmail: EMAIL,
          revealed: ['complainantPhone', 'complainantIdNumber', 'complainantEmail'],
        });
        const audited = await reveals(complaint.id);
        expect(audited).toHaveLength(i + 1);
        expect(audited[i]).toEqual({
          actor_name: user,
          action: 'personal_data.revealed',
          entity_type: 'complaint',
          data: {
            subject: 'complainant',
            trackingNo: complaint.trackingNo,
            fields: ['complainantPhone', 'complainantIdNumber', 'complainantEmail'],
          },
          request_id: requestId,
        });
      }
    });

    it('refuses supervisors, admins, other regions and officers who do not handle it, and audits nothing', async () => {
      const refused: [string, string, number][] = [
        ['supervisor.zj', complaint.id, 403],
        ['admin', complaint.id, 403],
        ['supervisor.js', complaint.id, 403],
        ['operator.js', complaint.id, 403], // out of region
        ['officer.js', complaint.id, 403], // out of region
        ['officer.zj', elsewhere.id, 403], // in region, handled by the district bureau
        ['officer.zj', confidential.id, 200], // confidential, but the handling office
        ['operator.zj', confidential.id, 200], // took it
        ['operator.zj', elsewhere.id, 200], // operators call back anyone in their region
      ];
      for (const [user, id, status] of refused) {
        const before = (await reveals(id)).length;
        const res = await t.as(user).get(`/api/v1/complaints/${id}/personal-data`).expect(status);
        if (status === 200) {
          expect(res.body.complainantPhone).toBe(PHONE);
          expect(await reveals(id)).toHaveLength(before + 1);
        } else {
          expect(res.headers['content-type']).toContain('application/problem+json');
          expect(leaks(res.text)).toEqual([]);
          expect(await reveals(id)).toHaveLength(before);
        }
      }
      await t.as('officer.zj').get(`/api/v1/complaints/${randomUUID()}/personal-data`).expect(404);
      await t.http().get(`/api/v1/complaints/${complaint.id}/personal-data`).expect(401);
    });

    it('keeps a confidential complainant from an operator who neither took it nor works for the handling office', async () => {
      // A complaint from the public form (nobody took it), confidential, handled by the district bureau.
      const submitted = await t
        .http()
        .post('/api/v1/public/complaints')
        .set('idempotency-key', `h6-${randomUUID()}`)
        .send({
          category: 'report',
          complainantName: '孙举报',
          complainantPhone: PHONE,
          respondentName: '杭州某某商行',
          ipType: 'trademark',
          regionCode: '330106',
          description: '举报销售假冒商品',
        })
        .expect(201);
      const [row] = await t.db.sql(`SELECT id, confidential FROM complaints WHERE tracking_no = $1`, [
        submitted.body.trackingNo,
      ]);
      expect(row.confidential).toBe(true);
      await t.as('operator.zj').get(`/api/v1/complaints/${row.id}/personal-data`).expect(403);
      expect(await reveals(row.id as string)).toHaveLength(0);
    });

    it("gives the handling office's officers a party's data, audited on the case and shown in its timeline", async () => {
      const url = `/api/v1/cases/${closedCase.id}/parties/${closedCase.partyId}/personal-data`;
      const res = await t.as('officer2.zj').get(url).set('x-request-id', 'h6-party-reveal').expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        caseId: closedCase.id,
        partyId: closedCase.partyId,
        name: '王五',
        idNumber: PARTY_ID,
        phone: PARTY_PHONE,
        revealed: ['idNumber', 'phone'],
      });
      expect(await reveals(closedCase.id)).toEqual([
        {
          actor_name: 'officer2.zj',
          action: 'personal_data.revealed',
          entity_type: 'case',
          data: {
            subject: 'case_party',
            partyId: closedCase.partyId,
            partyName: '王五',
            fields: ['idNumber', 'phone'],
          },
          request_id: 'h6-party-reveal',
        },
      ]);
      const timeline = (
        await t.as('supervisor.zj').get(`/api/v1/cases/${closedCase.id}/timeline`).expect(200)
      ).body as { action: string; actor: string; summary: { zh: string } }[];
      expect(timeline.find((e) => e.action === 'personal_data.revealed')).toMatchObject({
        actor: 'officer2.zj',
        summary: { zh: '查看当事人王五的完整个人信息（身份证号、电话）' },
      });

      // Supervisors (even over the region), admins, operators and other offices are refused; nothing is audited.
      for (const user of ['supervisor.zj', 'admin', 'operator.zj', 'officer.js']) {
        await t.as(user).get(url).expect(403);
      }
      await t
        .as('officer.zj')
        .get(`/api/v1/cases/${closedCase.id}/parties/${randomUUID()}/personal-data`)
        .expect(404);
      // A case handled by another office in officer.zj's region: readable, not revealable.
      await t.db.sql(`UPDATE cases SET office_id = $2 WHERE id = $1`, [
        openCase.id,
        offices['杭州市西湖区市场监督管理局'],
      ]);
      try {
        await t.as('officer.zj').get(`/api/v1/cases/${openCase.id}`).expect(200);
        await t
          .as('officer.zj')
          .get(`/api/v1/cases/${openCase.id}/parties/${openCase.partyId}/personal-data`)
          .expect(403);
      } finally {
        await t.db.sql(`UPDATE cases SET office_id = $2 WHERE id = $1`, [
          openCase.id,
          offices['杭州市市场监督管理局（杭州市知识产权局）'],
        ]);
      }
      expect(await reveals(closedCase.id)).toHaveLength(1);
      expect(await reveals(openCase.id)).toHaveLength(0);
    });
  });

  describe('masked values never overwrite stored ones', () => {
    it('refuses a masked ID number or phone for a case party with 400 MASKED_VALUE', async () => {
      const before = await t.db.sql(
        `SELECT id_number, phone FROM case_parties WHERE case_id = $1 ORDER BY id`,
        [openCase.id],
      );
      for (const [field, value] of [
        ['idNumber', '330106********1235'],
        ['phone', '139****4321'],
      ]) {
        const res = await t
          .as('officer.zj')
          .post(`/api/v1/cases/${openCase.id}/parties`, {
            version: openCase.version,
            role: 'respondent',
            kind: 'individual',
            name: '王五',
            idNumber: PARTY_ID,
            phone: PARTY_PHONE,
            [field]: value,
          })
          .expect(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field, code: 'MASKED_VALUE' })]);
      }
      // No write path takes a party's data by an edit of the case.
      await t
        .as('officer.zj')
        .patch(`/api/v1/cases/${openCase.id}`, {
          version: openCase.version,
          parties: [{ id: openCase.partyId, phone: '139****4321' }],
        })
        .expect(400);
      expect(
        await t.db.sql(`SELECT id_number, phone FROM case_parties WHERE case_id = $1 ORDER BY id`, [
          openCase.id,
        ]),
      ).toEqual(before);
      expect(before.map((p) => p.phone).sort()).toEqual([PHONE, PARTY_PHONE].sort());
    });

    it('refuses a masked phone, ID number or e-mail for a complaint, from the console and the public form', async () => {
      const count = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM complaints`))[0].n as number;
      const n = await count();
      const res = await t
        .as('operator.zj')
        .post('/api/v1/complaints', {
          channel: 'phone',
          category: 'complaint',
          complainantName: '张三',
          complainantPhone: '138****5678',
          complainantIdNumber: '110105********002X',
          complainantEmail: 'z***@example.cn',
          respondentName: '杭州某某贸易有限公司',
          ipType: 'trademark',
          regionCode: '330105',
          description: '销售假冒注册商标的商品',
        })
        .expect(400);
      expect(
        res.body.errors
          .filter((e: { code: string }) => e.code === 'MASKED_VALUE')
          .map((e: { field: string }) => e.field),
      ).toEqual(['complainantPhone', 'complainantIdNumber', 'complainantEmail']);
      expect(res.body.errors.every((e: { code: string }) => e.code === 'MASKED_VALUE')).toBe(true);
      await t
        .http()
        .post('/api/v1/public/complaints')
        .set('idempotency-key', `h6-${randomUUID()}`)
        .send({
          category: 'complaint',
          complainantName: '张三',
          complainantPhone: '138＊＊＊＊5678',
          respondentName: '杭州某某贸易有限公司',
          ipType: 'trademark',
          regionCode: '330105',
          description: '销售假冒注册商标的商品',
        })
        .expect(400);
      expect(await count()).toBe(n);
      const [stored] = await t.db.sql(
        `SELECT complainant_phone, complainant_id_number, complainant_email FROM complaints WHERE id = $1`,
        [complaint.id],
      );
      expect(stored).toEqual({
        complainant_phone: PHONE,
        complainant_id_number: ID,
        complainant_email: EMAIL,
      });
    });
  });

  it('shows no phone, ID number or e-mail on any public endpoint of the OpenAPI document', async () => {
    type Param = { name: string; in: string; required?: boolean; schema?: { enum?: string[] } };
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Param[] }>>;
    };
    // Values for path and query parameters, so each endpoint answers with the data planted above.
    const values: Record<string, string> = {
      trackingNo: complaint.trackingNo,
      phoneLast4: PHONE.slice(-4),
      region: '330000',
      parentCode: '330000',
      q: '王',
    };
    const scanned: string[] = [];
    const bodies: Record<string, string> = {};
    for (const [path, ops] of Object.entries(doc.paths)) {
      const op = ops.get;
      if (!op) continue;
      const params = op.parameters ?? [];
      const pathParams = params.filter((p) => p.in === 'path');
      // First without a token and with placeholders: 401 means the endpoint is not public.
      const probe = path.replace(/\{(\w+)\}/g, (_, n: string) =>
        encodeURIComponent(values[n] ?? randomUUID()),
      );
      const required = params.filter((p) => p.in === 'query' && p.required);
      const q = (extra: Record<string, string>) => {
        const all = { ...Object.fromEntries(required.map((p) => [p.name, values[p.name] ?? 'x'])), ...extra };
        const s = new URLSearchParams(all).toString();
        return s ? `?${s}` : '';
      };
      const first = await t.http().get(probe + q({}));
      if (first.status === 401) continue;
      const missing = pathParams.filter((p) => !(p.name in values)).map((p) => p.name);
      expect({ path, missing }).toEqual({ path, missing: [] }); // a new public endpoint: give it a value above
      // Each query variant: required only, each optional parameter we have a value for, each enum value.
      const variants: Record<string, string>[] = [{}];
      for (const p of params.filter((x) => x.in === 'query' && !x.required)) {
        if (p.schema?.enum) for (const e of p.schema.enum) variants.push({ [p.name]: e });
        else if (p.name in values) variants.push({ [p.name]: values[p.name] });
      }
      for (const v of variants) {
        const url = probe + q(v);
        const res = await t.http().get(url);
        expect({ url, status: res.status < 500 }).toEqual({ url, status: true });
        bodies[url] = res.text;
        expect({ url, found: findPersonalData(res.text) }).toEqual({ url, found: [] });
        scanned.push(url);
      }
    }
    // The scan saw the public pages, and the planted data was really on them.
    const seen = (prefix: string, needle: string) =>
      Object.entries(bodies).some(([url, text]) => url.startsWith(prefix) && text.includes(needle));
    expect(seen(`/api/v1/public/complaints/${complaint.trackingNo}`, complaint.trackingNo)).toBe(true);
    expect(seen('/api/v1/public/credit-listings?', listingNo)).toBe(true);
    expect(seen('/api/v1/public/credit-listings?', '330106********1235')).toBe(true);
    expect(seen('/api/v1/public/decisions', decisionNo)).toBe(true);
    expect(scanned).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/api\/v1\/public\/regions/),
        expect.stringMatching(/^\/api\/v1\/public\/credit-listings\/feed/),
        expect.stringMatching(/format=csv/),
      ]),
    );
    // The feed shows a change once older transactions have ended: poll until the listing is in it, then scan.
    let feed = '';
    for (let i = 0; i < 50 && !feed.includes(listingNo); i++) {
      feed = (await t.http().get('/api/v1/public/credit-listings/feed?limit=500').expect(200)).text;
      if (!feed.includes(listingNo)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(feed).toContain(listingNo);
    expect(findPersonalData(feed)).toEqual([]);
  });
});
