import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

/** Evidence upload, download and integrity over HTTP, with a small size limit and a private storage root. */
describe('case evidence (e2e)', () => {
  let t: TestApp;
  let token: string;
  let other: string;
  let caseId: string;
  const root = mkdtempSync(join(tmpdir(), 'ipe-evidence-'));

  beforeAll(async () => {
    t = await createTestApp({ STORAGE_ROOT: root, EVIDENCE_MAX_BYTES: '4096' });
    token = (await t.login('officer.zj')).token;
    other = (await t.login('officer.js')).token;
    const created = await t
      .http()
      .post('/api/v1/cases')
      .set('authorization', `Bearer ${token}`)
      .send({
        title: '关于某网店涉嫌销售侵权商品案',
        ipType: 'trademark',
        procedure: 'penalty_trademark',
        source: 'ecommerce',
        regionCode: '330100',
      })
      .expect(201);
    caseId = created.body.id;
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  const upload = (file: Buffer, name: string, fields: Record<string, string> = {}, bearer = token) => {
    const req = t.http().post(`/api/v1/cases/${caseId}/evidence`).set('authorization', `Bearer ${bearer}`);
    const all = {
      kind: 'photo',
      title: '现场照片',
      collectedBy: '李执法',
      collectedAt: '2026-11-20T09:30:00+08:00',
      ...fields,
    };
    for (const [k, v] of Object.entries(all)) req.field(k, v);
    return req.attach('file', file, name);
  };
  const files = () => readdirSync(root, { recursive: true }).filter((f) => String(f).split('/').length === 3);
  const rows = async () => (await t.db.sql(`SELECT count(*)::int AS n FROM case_evidence`))[0].n as number;

  it('stores the file with its sha256 and hands back the same bytes', async () => {
    const bytes = Buffer.from('%PDF-1.4 现场检查笔录 '.repeat(50));
    const res = await upload(bytes, '现场检查笔录.pdf').expect(201);
    expect(res.body).toMatchObject({
      kind: 'photo',
      fileName: '现场检查笔录.pdf',
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    const down = await t
      .http()
      .get(`/api/v1/cases/${caseId}/evidence/${res.body.id}/content`)
      .set('authorization', `Bearer ${token}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (b: Buffer) => chunks.push(b));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(down.body as Buffer, bytes)).toBe(0);
    expect(down.headers['content-disposition']).toContain("filename*=UTF-8''");
    const verify = await t
      .http()
      .post(`/api/v1/cases/${caseId}/evidence/${res.body.id}/verify`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(verify.body.ok).toBe(true);
    const custody = await t.db.sql(
      `SELECT action FROM audit_events WHERE stream = $1 AND action LIKE 'case.evidence%' ORDER BY seq`,
      [`case:${caseId}`],
    );
    expect(custody.map((r) => r.action)).toEqual([
      'case.evidence_added',
      'case.evidence_downloaded',
      'case.evidence_verified',
    ]);
  });

  it('detects a stored file that was altered', async () => {
    const res = await upload(Buffer.from('original bytes'), 'note.txt').expect(201);
    const { storage_key } = (
      await t.db.sql(`SELECT storage_key FROM case_evidence WHERE id = $1`, [res.body.id])
    )[0];
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(root, storage_key as string), 'tampered');
    const verify = await t
      .http()
      .post(`/api/v1/cases/${caseId}/evidence/${res.body.id}/verify`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(verify.body.ok).toBe(false);
  });

  it('refuses a file over the limit, a forbidden type and a path-like name, leaving nothing behind', async () => {
    const before = { rows: await rows(), files: files().length };
    const big = await upload(Buffer.alloc(5000, 1), 'big.pdf').expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
    const exe = await upload(Buffer.from('MZ'), 'tool.exe').expect(400);
    expect(exe.body.errors[0].code).toBe('FILE_TYPE');
    // Built by hand: client libraries strip directories from a file name before sending it.
    const boundary = 'ipe-boundary-1234';
    const part = (name: string, value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const raw = Buffer.from(
      part('kind', 'photo') +
        part('title', 't') +
        part('collectedBy', '李执法') +
        part('collectedAt', '2026-11-20T09:30:00+08:00') +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../etc/passwd.txt"\r\n` +
        `Content-Type: text/plain\r\n\r\nroot:x:0:0\r\n--${boundary}--\r\n`,
    );
    const dots = await t
      .http()
      .post(`/api/v1/cases/${caseId}/evidence`)
      .set('authorization', `Bearer ${token}`)
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(raw)
      .expect(400);
    expect(dots.body.errors[0].code).toBe('FILE_NAME');
    const meta = await upload(Buffer.from('x'), 'a.pdf', { kind: 'rumour', collectedAt: 'soon' }).expect(400);
    expect(meta.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['collectedAt', 'kind']);
    const none = await t
      .http()
      .post(`/api/v1/cases/${caseId}/evidence`)
      .set('authorization', `Bearer ${token}`)
      .field('kind', 'photo')
      .expect(400);
    expect(none.body.errors[0].field).toBe('file');
    expect({ rows: await rows(), files: files().length }).toEqual(before);
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  });

  it('keeps other regions out', async () => {
    const res = await upload(Buffer.from('x'), 'a.pdf', {}, other).expect(403);
    expect(res.body.code).toBe('OUT_OF_SCOPE');
    await t
      .http()
      .get(`/api/v1/cases/${caseId}/evidence`)
      .set('authorization', `Bearer ${other}`)
      .expect(403);
  });
});
