import type { Actor } from '@app/contracts';
import { createTestModule } from '@app/testing';
import { Transactional } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';
import { CSV_BOM } from './audit-csv';
import type { AuditEventInput } from './audit-event';
import { AuditQueryService } from './audit-query.service';
import { AuditWriter } from './audit.writer';

const actor = (username: string, id: string): Actor => ({
  id,
  username,
  displayName: username,
  roles: ['officer'],
  officeId: '00000000-0000-0000-0000-000000000001',
  regionCode: '330100',
});
const wang = actor('wang.fang', 'abcdef12-1111-4111-8111-111111111111');
const li = actor('li.na', '22222222-2222-4222-8222-222222222222');

@Injectable()
class Commands {
  constructor(private readonly audit: AuditWriter) {}

  @Transactional()
  record(a: Actor | null, e: AuditEventInput) {
    return this.audit.record(a, e);
  }
}

async function collect(it: AsyncIterable<string>): Promise<string> {
  let s = '';
  for await (const chunk of it) s += chunk;
  return s;
}

describe('AuditQueryService (PostgreSQL)', () => {
  let close: () => Promise<void>;
  let moduleRef: TestingModule;
  let query: AuditQueryService;
  let t0: Date;
  let t1: Date;

  beforeAll(async () => {
    ({ module: moduleRef, close } = await createTestModule({ providers: [Commands] }));
    query = moduleRef.get(AuditQueryService);
    const c = moduleRef.get(Commands);
    t0 = new Date();
    await c.record(wang, {
      action: 'case.file',
      entityType: 'case',
      entityId: 'q1',
      data: { 案由: '侵犯商标专用权, "驰名"' },
    });
    await c.record(li, { action: 'case.assign', entityType: 'case', entityId: 'q1' });
    await new Promise((r) => setTimeout(r, 5));
    t1 = new Date();
    await c.record(wang, {
      action: 'complaint.submit',
      entityType: 'complaint',
      entityId: '=HYPERLINK("x")',
    });
    await c.record(null, {
      action: 'complaint.submit',
      entityType: 'complaint',
      entityId: 'q2',
      data: { text: '第一行\n第二行' },
    });
  });

  afterAll(async () => {
    await close?.();
  });

  const since = () => ({ from: t0, page: 1, pageSize: 50 });

  it('lists newest first with the total, page and pageSize', async () => {
    const page = await query.list(since());
    expect(page.total).toBe(4);
    expect(page.items.map((e) => e.action)).toEqual([
      'complaint.submit',
      'complaint.submit',
      'case.assign',
      'case.file',
    ]);
    expect(page.items[3]).toMatchObject({
      stream: 'case:q1',
      seq: 1,
      actorName: 'wang.fang',
      actorId: wang.id,
      data: { 案由: '侵犯商标专用权, "驰名"' },
    });
    const second = await query.list({ ...since(), page: 2, pageSize: 3 });
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.items.map((e) => e.action)).toEqual(['case.file']);
  });

  it.each([
    [{ actor: 'wang.fang' }, 2],
    [{ actor: wang.id }, 2],
    [{ actor: wang.id.toUpperCase() }, 2],
    [{ actor: 'anonymous' }, 1],
    [{ stream: 'case:q1' }, 2],
    [{ action: 'case.assign' }, 1],
    [{ entityType: 'complaint' }, 2],
    [{ entityType: 'case', entityId: 'q1' }, 2],
    [{ actor: 'nobody' }, 0],
  ])('filters by %j', async (filter, n) => {
    expect((await query.list({ ...since(), ...filter })).total).toBe(n);
  });

  it('filters by time: from inclusive, to exclusive', async () => {
    expect((await query.list({ from: t1, page: 1, pageSize: 10 })).total).toBe(2);
    expect((await query.list({ from: t0, to: t1, page: 1, pageSize: 10 })).total).toBe(2);
  });

  it('exports CSV with a BOM, a header, escaped fields and formula-looking text neutralised', async () => {
    const csv = await collect(query.exportCsv({ from: t0 }, { batchSize: 1 }));
    expect(
      csv.startsWith(
        CSV_BOM +
          'id,occurred_at,actor_id,actor_name,action,entity_type,entity_id,stream,seq,data,request_id,hash\r\n',
      ),
    ).toBe(true);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(5);
    expect(csv).toContain(`"{""案由"":""侵犯商标专用权, \\""驰名\\""""}"`);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    expect(csv).toMatch(
      /,anonymous,complaint\.submit,complaint,q2,complaint:q2,1,"{""text"":""第一行\\n第二行""}",,[0-9a-f]{64}/,
    );
    expect(lines[lines.length - 1]).toMatch(/^\d+,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+08:00,abcdef12-/);
  });

  it('caps the export', async () => {
    const csv = await collect(query.exportCsv({ from: t0 }, { maxRows: 3, batchSize: 2 }));
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(1 + 3);
  });
});
