import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);

/**
 * The evidence store's disk fills up: the upload is refused with a clean 507 problem, nothing is recorded (no
 * evidence row, no audit event, no partial file), and uploads work again once there is space. STORAGE_ROOT is a
 * 256 KiB tmpfs mounted for this test (needs root, or CAP_SYS_ADMIN).
 */
describe('evidence upload on a full disk (fault)', () => {
  let t: TestApp;
  let caseId: string;
  const root = mkdtempSync(join(tmpdir(), 'ipe-diskfull-'));
  let mounted = false;

  beforeAll(async () => {
    try {
      await run('mount', ['-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', root]);
      mounted = true;
    } catch (e) {
      throw new Error(
        `The disk-full test mounts a 256 KiB tmpfs at ${root} and was refused (${(e as Error).message.trim()}). ` +
          'Run the fault suite as root (or with CAP_SYS_ADMIN).',
        { cause: e },
      );
    }
    t = await createTestApp({ STORAGE_ROOT: root });
    await t.signIn('officer.zj');
    caseId = (
      await t
        .as('officer.zj')
        .post('/api/v1/cases', {
          title: '关于某网店涉嫌销售侵权商品案',
          ipType: 'trademark',
          procedure: 'penalty_trademark',
          source: 'ecommerce',
          regionCode: '330100',
        })
        .expect(201)
    ).body.id as string;
  });
  afterAll(async () => {
    await t?.close();
    if (mounted) await run('umount', [root]);
    rmSync(root, { recursive: true, force: true });
  });

  const upload = (file: Buffer, name: string) => {
    const req = t.as('officer.zj').upload(`/api/v1/cases/${caseId}/evidence`);
    for (const [k, v] of Object.entries({
      kind: 'photo',
      title: '现场照片',
      collectedBy: '李执法',
      collectedAt: '2026-11-20T09:30:00+08:00',
    }))
      req.field(k, v);
    return req.attach('file', file, name);
  };
  /** Every file under the storage root but the filler (stored evidence, temporary parts). */
  const stored = () =>
    readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f !== 'filler' && statSync(join(root, f)).isFile());
  const evidenceRows = async () =>
    (
      await t.db.sql(
        `SELECT (SELECT count(*)::int FROM case_evidence WHERE case_id = $1::uuid) AS rows,
                (SELECT count(*)::int FROM audit_events WHERE entity_id = $1::text AND action = 'case.evidence_added') AS audit`,
        [caseId],
      )
    )[0];

  /** Writes a file as large as the disk allows. */
  function fill(): void {
    for (let size = 512 * 1024; size >= 1024; size = Math.floor(size / 2)) {
      try {
        writeFileSync(join(root, 'filler'), Buffer.alloc(statSafe() + size, 7));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
      }
    }
  }
  const statSafe = () => {
    try {
      return statSync(join(root, 'filler')).size;
    } catch {
      return 0;
    }
  };

  it('refuses the upload with 507 and records nothing, then accepts it once space is freed', async () => {
    // Something stored before the disk filled up stays as it was.
    await upload(Buffer.from('%PDF-1.4 first'), 'first.pdf').expect(201);
    const before = { db: await evidenceRows(), files: stored() };
    expect(before.db).toEqual({ rows: 1, audit: 1 });

    fill();
    const bytes = Buffer.alloc(64 * 1024, 1);
    const res = await upload(bytes, '现场照片.pdf');
    expect(res.status).toBe(507);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'INSUFFICIENT_STORAGE', status: 507 });
    expect(res.body.detail).toMatch(/存储空间/);
    expect(await evidenceRows()).toEqual(before.db);
    expect(stored().sort()).toEqual(before.files.sort()); // no partial file, no leftover temporary part

    rmSync(join(root, 'filler'));
    const ok = await upload(bytes, '现场照片.pdf').expect(201);
    expect(ok.body.sizeBytes).toBe(bytes.length);
    expect(await evidenceRows()).toEqual({ rows: 2, audit: 2 });
    expect(stored()).toHaveLength(before.files.length + 1);
  });
});
