import { JwtService } from '@nestjs/jwt';
import { createTestApp, DEMO_PASSWORD, TestApp } from '../support/test-app';

describe('auth (e2e, real PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_MAX_FAILURES: '5', LOGIN_LOCK_MINUTES: '15' });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string) =>
    t.http().post('/api/v1/auth/login').send({ username, password });

  it('signs in and returns a short-lived access token, a refresh token and the user', async () => {
    const res = await login('officer.zj', DEMO_PASSWORD).expect(200);
    expect(res.body.expiresIn).toBe(900);
    expect(res.body.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.user).toMatchObject({
      username: 'officer.zj',
      roles: ['officer'],
      office: { regionCode: '330100' },
      region: { code: '330100', name: '杭州市' },
    });
    const me = await t
      .http()
      .get('/api/v1/auth/me')
      .set('authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.displayName).toBe('李执法');
    const [row] = await t.db.sql(`SELECT token_hash FROM refresh_tokens ORDER BY created_at DESC LIMIT 1`);
    expect(row.token_hash).not.toContain(res.body.refreshToken); // only the hash is stored
    const audit = await t.db.sql(
      `SELECT action FROM audit_events WHERE entity_id = $1 AND action = 'auth.login'`,
      [res.body.user.id],
    );
    expect(audit).toHaveLength(1);
  });

  it('answers a wrong password with 401 problem+json and no token', async () => {
    const res = await login('officer.js', 'wrong-password').expect(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', status: 401, title: '用户名或密码错误' });
    expect(res.body.accessToken).toBeUndefined();
    // unknown users get the same answer (no user enumeration)
    const unknown = await login('nobody', 'whatever').expect(401);
    expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('locks the account for 15 minutes after five failures, then an admin can unlock it', async () => {
    for (let i = 1; i <= 4; i++) expect((await login('operator.js', 'bad')).status).toBe(401);
    const fifth = await login('operator.js', 'bad').expect(423);
    expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
    const until = new Date(fifth.body.lockedUntil as string).getTime();
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    // even the right password is refused while locked
    expect((await login('operator.js', DEMO_PASSWORD)).status).toBe(423);
    const actions = await t.db.sql(
      `SELECT action FROM audit_events e JOIN users u ON u.id::text = e.entity_id WHERE u.username = 'operator.js' AND e.action LIKE 'auth.%' ORDER BY seq`,
    );
    expect(actions.map((a) => a.action)).toEqual([
      ...Array(4).fill('auth.login_failed'),
      'auth.account_locked',
    ]);

    const { token } = await t.login('admin');
    const [u] = await t.db.sql(`SELECT id, version FROM users WHERE username = 'operator.js'`);
    const unlocked = await t
      .http()
      .post(`/api/v1/users/${u.id}/unlock`)
      .set('authorization', `Bearer ${token}`)
      .expect(200);
    expect(unlocked.body.lockedUntil).toBeNull();
    await login('operator.js', DEMO_PASSWORD).expect(200);
  });

  it('starts a fresh count once a lock has expired', async () => {
    for (let i = 0; i < 5; i++) await login('supervisor.js', 'bad');
    await t.db.sql(
      `UPDATE users SET locked_until = now() - interval '1 second' WHERE username = 'supervisor.js'`,
    );
    expect((await login('supervisor.js', 'bad')).status).toBe(401); // count restarts at 1, not locked again
    const [u] = await t.db.sql(
      `SELECT failed_logins, locked_until FROM users WHERE username = 'supervisor.js'`,
    );
    expect(u).toMatchObject({ failed_logins: 1, locked_until: null });
    await login('supervisor.js', DEMO_PASSWORD).expect(200);
  });

  describe('refresh tokens', () => {
    it('rotate: each refresh spends the old token and returns a new pair', async () => {
      const first = await login('officer.zj', DEMO_PASSWORD).expect(200);
      const second = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
      await t
        .http()
        .get('/api/v1/auth/me')
        .set('authorization', `Bearer ${second.body.accessToken}`)
        .expect(200);
      const third = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: second.body.refreshToken })
        .expect(200);
      expect(third.body.user.username).toBe('officer.zj');
    });

    it('detect reuse: presenting a spent token revokes the whole family', async () => {
      const first = await login('officer.zj', DEMO_PASSWORD).expect(200);
      const second = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(200);
      const replay = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: first.body.refreshToken })
        .expect(401);
      expect(replay.body.code).toBe('TOKEN_REUSED');
      // the thief's and the owner's latest token are both dead now
      const after = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: second.body.refreshToken })
        .expect(401);
      expect(after.body.code).toBe('TOKEN_INVALID');
      const [a] = await t.db.sql(
        `SELECT count(*)::int AS n FROM audit_events WHERE action = 'auth.refresh_reuse_detected'`,
      );
      expect(a.n).toBeGreaterThanOrEqual(1);
    });

    it('let only one of two concurrent refreshes with the same token succeed', async () => {
      const first = await login('officer.zj', DEMO_PASSWORD).expect(200);
      const results = await Promise.all(
        [1, 2].map(() =>
          t.http().post('/api/v1/auth/refresh').send({ refreshToken: first.body.refreshToken }),
        ),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 401]);
    });

    it('end with logout', async () => {
      const s = await login('officer.zj', DEMO_PASSWORD).expect(200);
      await t.http().post('/api/v1/auth/logout').send({ refreshToken: s.body.refreshToken }).expect(204);
      const res = await t
        .http()
        .post('/api/v1/auth/refresh')
        .send({ refreshToken: s.body.refreshToken })
        .expect(401);
      expect(res.body.code).toBe('TOKEN_INVALID');
    });

    it('refuse unknown tokens and malformed bodies', async () => {
      expect(
        (
          await t
            .http()
            .post('/api/v1/auth/refresh')
            .send({ refreshToken: 'x'.repeat(43) })
        ).status,
      ).toBe(401);
      const bad = await t.http().post('/api/v1/auth/refresh').send({ refreshToken: 42 }).expect(400);
      expect(bad.body.errors[0].field).toBe('refreshToken');
    });
  });

  describe('access tokens', () => {
    const me = (token: string) => t.http().get('/api/v1/auth/me').set('authorization', `Bearer ${token}`);

    it('are required', async () => {
      const res = await t.http().get('/api/v1/auth/me').expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    /** The claims of a fresh access token without its times and issuer, to sign variants of it. */
    const signedInClaims = async () => {
      const { body } = await t.login('officer.zj');
      const {
        iat: _iat,
        exp: _exp,
        iss: _iss,
        ...claims
      } = JSON.parse(Buffer.from(String(body.accessToken).split('.')[1], 'base64url').toString());
      return claims as Record<string, unknown>;
    };

    it('are refused when expired, forged, or signed with another algorithm', async () => {
      const claims = await signedInClaims();
      const now = Math.floor(Date.now() / 1000);
      const expired = t.app.get(JwtService).sign({ ...claims, iss: 'ipe', iat: now - 1000, exp: now - 10 });
      expect((await me(expired).expect(401)).body.code).toBe('TOKEN_INVALID');
      const forged = new JwtService({ secret: 'another-secret-another-secret-another' }).sign(
        { ...claims, iss: 'ipe' },
        { expiresIn: 600 },
      );
      expect((await me(forged).expect(401)).body.code).toBe('TOKEN_INVALID');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      const payload = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
      expect((await me(`${header}.${payload}.`).expect(401)).body.code).toBe('TOKEN_INVALID');
      expect((await me('not-a-jwt').expect(401)).body.code).toBe('TOKEN_INVALID');
    });

    it('stop working at their expiry although they were accepted (and remembered) before', async () => {
      const claims = await signedInClaims();
      const now = Math.floor(Date.now() / 1000);
      const brief = t.app.get(JwtService).sign({ ...claims, iss: 'ipe', iat: now, exp: now + 2 });
      await me(brief).expect(200);
      await me(brief).expect(200); // remembered: not verified again
      // Another signature on the same header and claims is a different token, never the remembered one.
      const [h, p] = brief.split('.');
      expect((await me(`${h}.${p}.${'A'.repeat(43)}`).expect(401)).body.code).toBe('TOKEN_INVALID');
      await new Promise((r) => setTimeout(r, (now + 2) * 1000 - Date.now() + 50));
      expect((await me(brief).expect(401)).body.code).toBe('TOKEN_INVALID');
    });
  });

  it('rate-limits sign-in attempts per client', async () => {
    const limited = await createTestApp({ LOGIN_RATE_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await limited.http().post('/api/v1/auth/login').send({ username: 'nobody', password: 'x' }))
            .status,
        );
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      const res = await limited
        .http()
        .post('/api/v1/auth/login')
        .send({ username: 'admin', password: DEMO_PASSWORD });
      expect(res.status).toBe(429);
      expect(res.body.code).toBe('RATE_LIMITED');
      expect(res.headers['retry-after']).toBeDefined();
    } finally {
      await limited.close();
    }
  });
});
