import { AuditModule, AuditVerifier } from '@app/audit';
import { ConfigModule } from '@app/config';
import { type Actor, TOPIC_NAMES, TOPICS } from '@app/contracts';
import { DatabaseModule } from '@app/database';
import { DomainError } from '@app/domain';
import { createTestDatabase, type TestDatabase } from '@app/testing';
import { Test, TestingModule } from '@nestjs/testing';
import { NotificationPreferenceService } from './notification-preference.service';
import { NotificationPreferencesModule } from './notification-preferences.module';

describe('NotificationPreferenceService (PostgreSQL)', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let prefs: NotificationPreferenceService;
  let officer: Actor;
  let otherId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ DATABASE_URL: db.url, LOG_LEVEL: 'silent' }),
        DatabaseModule,
        AuditModule,
        NotificationPreferencesModule,
      ],
    }).compile();
    await moduleRef.init();
    prefs = moduleRef.get(NotificationPreferenceService);
    const [u] = await db.sql(`SELECT id, office_id FROM users WHERE username = 'officer.zj'`);
    officer = {
      id: u.id as string,
      username: 'officer.zj',
      displayName: '浙江执法',
      roles: ['officer'],
      officeId: u.office_id as string,
      regionCode: '330000',
    };
    otherId = (await db.sql(`SELECT id FROM users WHERE username = 'officer.js'`))[0].id as string;
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  const failure = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e as DomainError,
    );

  it('lists every topic with names and the defaults when nothing is chosen', async () => {
    const list = await prefs.list(officer);
    expect(list.map((p) => p.topic)).toEqual(TOPIC_NAMES);
    const dueSoon = list.find((p) => p.topic === 'deadline.due_soon')!;
    expect(dueSoon).toEqual({
      topic: 'deadline.due_soon',
      names: { zh: TOPICS['deadline.due_soon'].zh, en: TOPICS['deadline.due_soon'].en },
      defaultChannels: ['inbox', 'email'],
      channels: ['inbox', 'email'],
      custom: false,
    });
    expect(await prefs.effectiveChannels(officer.id, 'deadline.overdue')).toEqual(['inbox', 'email']);
  });

  it('stores a choice (normalized), audits it, and overrides the defaults for that user only', async () => {
    const saved = await prefs.set(officer, 'deadline.due_soon', ['sms', 'inbox', 'sms']);
    expect(saved).toMatchObject({ topic: 'deadline.due_soon', channels: ['inbox', 'sms'], custom: true });
    expect(await prefs.effectiveChannels(officer.id, 'deadline.due_soon')).toEqual(['inbox', 'sms']);
    expect(await prefs.effectiveChannels(otherId, 'deadline.due_soon')).toEqual(['inbox', 'email']);
    expect((await prefs.list(officer)).find((p) => p.topic === 'deadline.due_soon')).toMatchObject({
      channels: ['inbox', 'sms'],
      custom: true,
    });

    await prefs.set(officer, 'deadline.due_soon', ['email']);
    const events = await db.sql(
      `SELECT action, entity_type, entity_id, data, actor_id FROM audit_events
        WHERE action = 'notification_preference.set' ORDER BY seq`,
    );
    expect(events).toEqual([
      {
        action: 'notification_preference.set',
        entity_type: 'user',
        entity_id: officer.id,
        actor_id: officer.id,
        data: { topic: 'deadline.due_soon', channels: ['inbox', 'sms'], previous: null },
      },
      {
        action: 'notification_preference.set',
        entity_type: 'user',
        entity_id: officer.id,
        actor_id: officer.id,
        data: { topic: 'deadline.due_soon', channels: ['email'], previous: ['inbox', 'sms'] },
      },
    ]);
    expect((await moduleRef.get(AuditVerifier).verify()).ok).toBe(true);
  });

  it('mutes a topic with an empty list', async () => {
    await prefs.set(officer, 'deadline.overdue', []);
    expect(await prefs.effectiveChannels(officer.id, 'deadline.overdue')).toEqual([]);
  });

  it('answers channelsFor for many users in one go, defaults for those without a choice', async () => {
    const map = await prefs.channelsFor([officer.id, otherId, officer.id.toUpperCase()], 'deadline.due_soon');
    expect(map.get(officer.id)).toEqual(['email']);
    expect(map.get(officer.id.toUpperCase())).toEqual(['email']);
    expect(map.get(otherId)).toEqual(['inbox', 'email']);
    expect((await prefs.channelsFor([], 'deadline.due_soon')).size).toBe(0);
  });

  it('refuses unknown topics (404) and channels that are not personal (400), writing nothing', async () => {
    const auditBefore = (await db.sql(`SELECT count(*)::int AS n FROM audit_events`))[0].n;
    const unknownTopic = await failure(prefs.set(officer, 'case.nonexistent', ['inbox']));
    expect(unknownTopic).toBeInstanceOf(DomainError);
    expect(unknownTopic?.code).toBe('NOT_FOUND');
    for (const channels of [['webhook'], ['inbox', 'fax'], [1]]) {
      const err = await failure(prefs.set(officer, 'notification.test', channels as string[]));
      expect(err?.code).toBe('VALIDATION_FAILED');
      expect(err?.details).toMatchObject({ errors: [{ field: 'channels' }] });
    }
    expect(
      await db.sql(
        `SELECT 1 FROM notification_preferences WHERE topic IN ('case.nonexistent', 'notification.test')`,
      ),
    ).toEqual([]);
    expect((await db.sql(`SELECT count(*)::int AS n FROM audit_events`))[0].n).toBe(auditBefore);
  });
});
