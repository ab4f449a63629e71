import { createTestApp, TestApp } from '../support/test-app';

describe('identifier check endpoint (e2e)', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = (await t.login('operator.zj')).token;
  });
  afterAll(() => t.close());

  const check = (kind: string, value: unknown) =>
    t
      .http()
      .post('/api/v1/identifiers/validate')
      .set('authorization', `Bearer ${token}`)
      .send({ kind, value });

  it('accepts a valid patent application number and normalises it', async () => {
    const res = await check('patent_application', 'ZL 200710308494.x').expect(200);
    expect(res.body).toMatchObject({ ok: true, normalized: '200710308494.X', info: { kind: 'invention' } });
  });

  it('explains a wrong check character in both languages', async () => {
    const res = await check('resident_id', '11010519491231002X').expect(200);
    const ok = await check('resident_id', '110105194912310021').expect(200);
    const bad = [res.body, ok.body].find((b) => !b.ok);
    expect(bad).toMatchObject({ ok: false, code: 'CHECK_CHARACTER' });
    expect(bad.reasonZh).toMatch(/校验/);
  });

  it('accepts an early pilot credit code whose check fails, with a warning', async () => {
    const res = await check('uscc', '91350100M0001TGQXM').expect(200);
    expect(res.body).toMatchObject({
      ok: true,
      checkMismatch: true,
      warnings: expect.arrayContaining(['USCC_CHECK_MISMATCH']),
    });
  });

  it('rejects unknown kinds and non-text values with 400', async () => {
    expect((await check('passport', 'x').expect(400)).body.errors[0].field).toBe('kind');
    expect((await check('uscc', 12).expect(400)).body.errors[0].field).toBe('value');
  });
});
