import { COMPLAINT_IMPORT_COLUMNS, decodeText, parseCsv, parseReceivedAt } from '@app/intake';
import ExcelJS from 'exceljs';
import { createTestApp, TestApp } from '../support/test-app';

/** GBK bytes for a text, by inverting the platform's GBK decoder (Node has no GBK encoder). */
function gbk(text: string): Buffer {
  const dec = new TextDecoder('gbk');
  const table = new Map<string, [number, number]>();
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      out.push(...pair);
    }
  }
  return Buffer.from(out);
}

const csv = (rows: string[][]) =>
  rows
    .map((r) => r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
    .join('\r\n');

const HEADER = [
  '原工单编号',
  '来源渠道',
  '诉求类型',
  '登记时间',
  '是否匿名',
  '投诉人',
  '联系电话',
  '被投诉人',
  '被投诉人信用代码',
  '知识产权类型',
  '权利号',
  '发生地区划代码',
  '诉求内容',
];
const USCC = '91330106MA2CFXX47J';
const good = (ref: string, extra: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    原工单编号: ref,
    来源渠道: '12330电话',
    诉求类型: '投诉',
    登记时间: '2026-11-20 09:30',
    是否匿名: '否',
    投诉人: '张三',
    联系电话: '13800138000',
    被投诉人: '杭州某某贸易有限公司',
    被投诉人信用代码: USCC,
    知识产权类型: '商标',
    权利号: '1234567',
    发生地区划代码: '330106',
    诉求内容: '在西湖区某茶叶店发现假冒“西湖龙井”商标的茶叶',
    ...extra,
  };
  return HEADER.map((h) => base[h] ?? '');
};

/** Bulk import from another hotline system's export (issue 5): row by row, nothing partial, nothing twice. */
describe('complaint import (e2e)', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    for (const u of ['operator.zj', 'officer.zj', 'admin']) tokens[u] = (await t.login(u)).token;
  });
  afterAll(() => t.close());

  const upload = (
    file: Buffer,
    name: string,
    fields: Record<string, string> = { sourceSystem: 'hotline-a' },
    user = 'operator.zj',
  ) => {
    const req = t.http().post('/api/v1/complaints/import').set('authorization', `Bearer ${tokens[user]}`);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req.attach('file', file, name);
  };
  const n = async (sql: string, params: unknown[] = []) =>
    (await t.db.sql(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;
  const counts = async () => ({
    complaints: await n('complaints'),
    audit: await n('audit_events'),
    outbox: await n('outbox'),
  });
  const fieldsOf = (r: { errors: { field: string }[] }) => r.errors.map((e) => e.field).sort();

  const mixed = csv([
    HEADER,
    // 2: good; the description has a comma, quotes and a line break (still one spreadsheet row)
    good('A-001', { 诉求内容: '店内有假冒商品，标签印有"西湖龙井"\n另有库存约200盒' }),
    // 3: an anonymous report given by codes and other spellings, with markup kept as text
    good('A-002', {
      来源渠道: 'web',
      诉求类型: '举报',
      登记时间: '2026/11/21 8:05',
      是否匿名: '是',
      投诉人: '',
      联系电话: '',
      被投诉人: '某网店',
      被投诉人信用代码: '',
      知识产权类型: 'trademark',
      权利号: '',
      诉求内容: '举报某网店销售假冒商品<script>alert(1)</script>',
    }),
    // 4: bad numbers
    good('A-003', { 联系电话: 'call me', 被投诉人信用代码: '91330106MA2CF', 权利号: '12AB' }),
    // 5: a region that does not exist
    good('A-004', { 发生地区划代码: '999999' }),
    // 6: a complaint without what a complaint needs
    good('A-005', {
      投诉人: '',
      联系电话: '',
      被投诉人: '',
      被投诉人信用代码: '',
      知识产权类型: '',
      权利号: '',
      发生地区划代码: '',
    }),
    // 7: a consultation needs none of it
    good('A-006', {
      诉求类型: '咨询',
      联系电话: '',
      被投诉人: '',
      被投诉人信用代码: '',
      知识产权类型: '',
      权利号: '',
      发生地区划代码: '',
      诉求内容: '咨询商标侵权投诉需要哪些材料',
    }),
    // 8: received in the future
    good('A-007', { 登记时间: '2099-01-01 10:00' }),
    // 9: a channel nobody knows, and a time that is not one
    good('A-008', { 来源渠道: '传真', 登记时间: '2026-02-30 10:00' }),
    // 10: the same number as row 2
    good('A-001'),
    [],
    // 12 (after a blank row): no number
    good(''),
  ]);

  it('imports the good rows, reports the bad ones by row and field, and leaves nothing of them', async () => {
    const before = await counts();
    const res = await upload(Buffer.from(mixed, 'utf8'), '导出.csv').expect(200);
    const r = res.body;
    expect(r).toMatchObject({ dryRun: false, format: 'csv', encoding: 'utf-8', total: 10 });
    expect(r.importId).toEqual(expect.any(String));
    expect(r.imported.map((x: { row: number }) => x.row)).toEqual([2, 3, 7]);
    expect(r.imported[0]).toMatchObject({
      externalRef: 'A-001',
      officeName: '杭州市西湖区市场监督管理局',
      trackingNo: expect.stringMatching(/^12330-261120-\d{6}$/),
    });
    const rejected = Object.fromEntries(r.rejected.map((x: { row: number }) => [x.row, x]));
    expect(Object.keys(rejected).map(Number)).toEqual([4, 5, 6, 8, 9, 10, 12]);
    expect(fieldsOf(rejected[4])).toEqual(['complainantPhone', 'respondentUscc', 'rightNumber']);
    expect(rejected[4].errors.find((e: { field: string }) => e.field === 'rightNumber')).toMatchObject({
      column: '权利号',
      message: expect.any(String),
      messageZh: expect.any(String),
    });
    expect(fieldsOf(rejected[5])).toEqual(['regionCode']);
    expect(rejected[5].externalRef).toBe('A-004');
    expect(fieldsOf(rejected[6])).toEqual([
      'complainantName',
      'complainantPhone',
      'ipType',
      'regionCode',
      'respondentName',
    ]);
    expect(rejected[8].errors).toEqual([expect.objectContaining({ field: 'receivedAt', code: 'IN_FUTURE' })]);
    expect(fieldsOf(rejected[9])).toEqual(['channel', 'receivedAt']);
    expect(rejected[9].errors[0].messageZh).toContain('传真');
    expect(rejected[10].errors).toEqual([
      expect.objectContaining({
        field: 'externalRef',
        code: 'DUPLICATE_IN_FILE',
        messageZh: expect.stringContaining('第 2 行'),
      }),
    ]);
    expect(rejected[12]).toMatchObject({
      externalRef: null,
      errors: [expect.objectContaining({ field: 'externalRef' })],
    });

    // Exactly the good rows exist, each with its audit event and notice — and nothing of the rejected rows.
    const rows = await t.db.sql(
      `SELECT external_ref, category, anonymous, confidential, description, received_at, due_date::text
         FROM complaints WHERE source_system = 'hotline-a' ORDER BY external_ref`,
    );
    expect(rows.map((x) => x.external_ref)).toEqual(['A-001', 'A-002', 'A-006']);
    expect(rows[0].description).toBe('店内有假冒商品，标签印有"西湖龙井"\n另有库存约200盒');
    expect((rows[0].received_at as Date).toISOString()).toBe('2026-11-20T01:30:00.000Z'); // 09:30 in Shanghai
    expect(rows[0].due_date).toBe('2026-12-01'); // 7 working days from Friday 20 November
    expect(rows[1]).toMatchObject({ category: 'report', anonymous: true, confidential: true });
    expect(rows[1].description).toContain('<script>alert(1)</script>');
    expect((rows[1].received_at as Date).toISOString()).toBe('2026-11-21T00:05:00.000Z');
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(3);
    expect(after.outbox - before.outbox).toBe(3);
    expect(after.audit - before.audit).toBe(4); // three complaint.received + the import
    const rejectedRefs = ['A-003', 'A-004', 'A-005', 'A-007', 'A-008'];
    expect(await n(`audit_events WHERE data->>'externalRef' = ANY($1)`, [rejectedRefs])).toBe(0);
    expect(await n(`complaints WHERE external_ref = ANY($1)`, [rejectedRefs])).toBe(0);
    const [event] = await t.db.sql(
      `SELECT actor_name, data FROM audit_events WHERE action = 'complaint.import' AND entity_id = $1`,
      [r.importId],
    );
    expect(event).toMatchObject({
      actor_name: 'operator.zj',
      data: {
        fileName: '导出.csv',
        sha256: r.sha256,
        sourceSystem: 'hotline-a',
        total: 10,
        imported: 3,
        skipped: 0,
        rejected: 7,
      },
    });
  });

  it('adds nothing when the same file comes again', async () => {
    const before = await counts();
    const r = (await upload(Buffer.from(mixed, 'utf8'), '导出.csv').expect(200)).body;
    expect(r.imported).toEqual([]);
    expect(r.skipped.map((x: { row: number; externalRef: string }) => [x.row, x.externalRef])).toEqual([
      [2, 'A-001'],
      [3, 'A-002'],
      [7, 'A-006'],
      [10, 'A-001'],
    ]);
    expect(r.skipped[0].trackingNo).toMatch(/^12330-/);
    const after = await counts();
    expect(after.complaints).toBe(before.complaints);
    expect(after.outbox).toBe(before.outbox);
    expect(after.audit - before.audit).toBe(1); // the import itself is recorded
    // The same numbers from another system are other complaints.
    const other = (
      await upload(Buffer.from(csv([HEADER, good('A-001')]), 'utf8'), 'b.csv', {
        sourceSystem: '宁波热线',
      }).expect(200)
    ).body;
    expect(other.imported).toHaveLength(1);
  });

  it('imports each row once when the same file is sent twice at the same time', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => good(`C-${i}`));
    const file = Buffer.from(csv([HEADER, ...rows]));
    const [a, b] = await Promise.all([
      upload(file, 'c.csv', { sourceSystem: 'race' }).expect(200),
      upload(file, 'c.csv', { sourceSystem: 'race' }).expect(200),
    ]);
    expect(a.body.rejected).toEqual([]);
    expect(b.body.rejected).toEqual([]);
    expect(a.body.imported.length + b.body.imported.length).toBe(12);
    expect(a.body.skipped.length + b.body.skipped.length).toBe(12);
    expect(await n(`complaints WHERE source_system = 'race'`)).toBe(12);
  });

  it('checks everything in a dry run and writes nothing', async () => {
    const before = await counts();
    const file = csv([HEADER, good('D-001'), good('D-002', { 发生地区划代码: '999999' }), good('D-001')]);
    const r = (
      await upload(Buffer.from(file, 'utf8'), 'dry.csv', {
        sourceSystem: 'hotline-a',
        dryRun: 'true',
      }).expect(200)
    ).body;
    expect(r).toMatchObject({ dryRun: true, importId: null });
    expect(r.imported).toEqual([
      expect.objectContaining({
        row: 2,
        externalRef: 'D-001',
        id: null,
        trackingNo: null,
        officeName: '杭州市西湖区市场监督管理局',
        dueDate: '2026-12-01',
      }),
    ]);
    expect(r.rejected.map((x: { row: number }) => x.row)).toEqual([3, 4]);
    expect(await counts()).toEqual(before);
  });

  it('reads GBK text from Chinese systems', async () => {
    const text = csv([HEADER, good('G-001', { 投诉人: '赵六', 诉求内容: '商标侵权：仿冒包装' })]);
    const bytes = gbk(text);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const r = (await upload(bytes, 'gbk.csv').expect(200)).body;
    expect(r).toMatchObject({ encoding: 'gb18030', rejected: [] });
    const [row] = await t.db.sql(
      `SELECT complainant_name, description FROM complaints WHERE external_ref = 'G-001'`,
    );
    expect(row).toEqual({ complainant_name: '赵六', description: '商标侵权：仿冒包装' });
  });

  it('reads an XLSX export: dates, numbers and rich text in cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow(HEADER);
    // exceljs writes a Date's UTC fields as the cell's wall-clock time: this cell shows 2026-11-19 14:05.
    ws.addRow([
      'X-001',
      '电话',
      '投诉',
      new Date(Date.UTC(2026, 10, 19, 14, 5)),
      '否',
      '钱七',
      13800138000,
      '杭州某某贸易有限公司',
      USCC,
      '商标',
      1234567,
      330106,
      { richText: [{ text: '发现假冒', font: { bold: true } }, { text: '商标商品' }] },
    ]);
    ws.addRow(['X-002', '电话', '投诉', '2026-11-19 14:05', '否', '钱七', 13800138000, '某公司', '', '专利']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const r = (await upload(buffer, '工单导出.xlsx').expect(200)).body;
    expect(r).toMatchObject({ format: 'xlsx', encoding: null, total: 2 });
    expect(r.imported.map((x: { row: number }) => x.row)).toEqual([2]);
    expect(r.rejected).toHaveLength(1);
    expect(r.rejected[0].row).toBe(3);
    expect(fieldsOf(r.rejected[0])).toEqual(['description', 'ipType', 'regionCode']);
    const [row] = await t.db.sql(
      `SELECT complainant_phone, region_code, right_number, description, received_at FROM complaints
        WHERE external_ref = 'X-001'`,
    );
    expect(row).toMatchObject({
      complainant_phone: '13800138000',
      region_code: '330106',
      right_number: '1234567',
      description: '发现假冒商标商品',
    });
    expect((row.received_at as Date).toISOString()).toBe('2026-11-19T06:05:00.000Z');
  });

  it('refuses a file with unknown or missing columns as a whole', async () => {
    const before = await counts();
    const unknown = await upload(
      Buffer.from(
        csv([
          [...HEADER, '处理状态', '承办人'],
          [...good('U-1'), '已办结', '李'],
        ]),
        'utf8',
      ),
      'u.csv',
    ).expect(400);
    expect(unknown.body.unknownColumns).toEqual(['处理状态', '承办人']);
    expect(unknown.body.detail).toContain('处理状态');
    expect(unknown.body.errors[0]).toMatchObject({ field: 'file', code: 'UNKNOWN_COLUMNS' });
    const missing = await upload(
      Buffer.from(csv([HEADER.slice(0, -1), good('M-1').slice(0, -1)]), 'utf8'),
      'm.csv',
    ).expect(400);
    expect(missing.body.missingColumns).toEqual(['诉求内容']);
    // English field names are accepted as headers.
    const english = csv([
      ['externalRef', 'channel', 'category', 'receivedAt', 'complainantName', 'description'],
      ['E-1', 'phone', 'consultation', '2026-11-20T09:30:00+08:00', 'Li Lei', 'How do I file a complaint?'],
    ]);
    expect((await upload(Buffer.from(english), 'e.csv').expect(200)).body.imported).toHaveLength(1);
    await upload(Buffer.from('%PDF-1.4'), 'x.pdf').expect(400);
    await upload(Buffer.from('PK\u0003\u0004broken'), 'broken.xlsx').expect(400);
    expect((await counts()).complaints).toBe(before.complaints + 1);
  });

  it('refuses too many rows and too large a file, before writing anything', async () => {
    const before = await counts();
    const rows = [['原工单编号', '来源渠道', '诉求类型', '登记时间', '诉求内容']];
    for (let i = 0; i <= 5000; i++) rows.push([`L-${i}`, '电话', '咨询', '2026-11-20 09:30', '咨询']);
    const many = await upload(Buffer.from(csv(rows)), 'many.csv').expect(413);
    expect(many.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(many.body.detail).toContain('5000');
    const big = await upload(Buffer.alloc(10 * 1024 * 1024 + 10, 0x41), 'big.csv').expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });

  it('needs a source system name, a file, and an intake role', async () => {
    const file = Buffer.from(csv([HEADER, good('R-1')]));
    const none = await upload(file, 'r.csv', {}).expect(400);
    expect(none.body.errors[0].field).toBe('sourceSystem');
    await upload(file, 'r.csv', { sourceSystem: '../etc' }).expect(400);
    await upload(file, 'r.csv', { sourceSystem: 'a', dryRun: 'maybe' }).expect(400);
    await t
      .http()
      .post('/api/v1/complaints/import')
      .set('authorization', `Bearer ${tokens['operator.zj']}`)
      .field('sourceSystem', 'a')
      .expect(400);
    const admin = await upload(file, 'r.csv', { sourceSystem: 'a' }, 'admin').expect(403);
    expect(admin.body.code).toBe('FORBIDDEN');
    await t.http().post('/api/v1/complaints/import').attach('file', file, 'r.csv').expect(401);
    expect(await n(`complaints WHERE external_ref = 'R-1'`)).toBe(0);
  });

  it('hands out a template that Excel opens and that imports as it is', async () => {
    const res = await t
      .http()
      .get('/api/v1/complaints/import/template')
      .set('authorization', `Bearer ${tokens['officer.zj']}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (b: Buffer) => chunks.push(b));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['content-disposition']).toMatch(/^attachment;.*filename\*=UTF-8''/);
    const body = res.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header] = parseCsv(decodeText(body).text);
    expect(header.cells).toEqual(COMPLAINT_IMPORT_COLUMNS.map((c) => c.zh));
    const r = (
      await upload(body, '模板.csv', { sourceSystem: 'template', dryRun: '1' }, 'officer.zj').expect(200)
    ).body;
    expect(r.rejected).toEqual([]);
    expect(r.imported).toHaveLength(1);
  });

  it('reads CSV and times the way other systems write them', () => {
    expect(parseCsv('a,"b,c","d""e"\r\n"x\r\ny",,z\n').map((r) => r.cells)).toEqual([
      ['a', 'b,c', 'd"e'],
      ['x\r\ny', '', 'z'],
    ]);
    expect(decodeText(Buffer.from('\ufeff原工单编号', 'utf8'))).toEqual({
      text: '原工单编号',
      encoding: 'utf-8',
    });
    const iso = (v: string | number | Date) => parseReceivedAt(v)?.toISOString() ?? null;
    expect(iso('2026-11-20 09:30')).toBe('2026-11-20T01:30:00.000Z');
    expect(iso('2026-11-20 09:30:15')).toBe('2026-11-20T01:30:15.000Z');
    expect(iso('2026/1/5 8:05')).toBe('2026-01-05T00:05:00.000Z');
    expect(iso('2026年1月5日 8:05')).toBe('2026-01-05T00:05:00.000Z');
    expect(iso('2026-11-20T09:30:00Z')).toBe('2026-11-20T09:30:00.000Z');
    expect(iso('2026-11-20T09:30:00+0800')).toBe('2026-11-20T01:30:00.000Z');
    expect(iso('2026-11-20')).toBe('2026-11-19T16:00:00.000Z');
    expect(iso(46346.5)).toBe('2026-11-20T04:00:00.000Z'); // an Excel serial: 2026-11-20 12:00
    expect(iso('2026-13-01 10:00')).toBeNull();
    expect(iso('2026-11-20 24:00')).toBeNull();
    expect(iso('yesterday')).toBeNull();
  });
});
