import type { Actor } from '@app/contracts';
import type { TestDatabase } from '@app/testing';

/** A case written straight into the tables, with the dates a statistics fixture needs (no workflow runs). */
export interface FixtureCase {
  title: string;
  /** short name of the handling office (杭知执 …) */
  office: string;
  region: string;
  ipType?: string;
  procedure?: string;
  source?: string;
  status: string;
  received: string;
  filed?: string;
  decided?: string;
  closed?: string;
  fineYuan?: number;
  nextDue?: string;
  /** usernames; the first leads */
  officers?: string[];
  /** the closing limit: started, due, met (null: still running) */
  closing?: { start: string; due: string; met: string | null };
}

/** Ids of the demo organisation the fixtures refer to: users by username, offices by short name. */
export async function demoIds(
  db: TestDatabase,
): Promise<{ users: Record<string, string>; offices: Record<string, string> }> {
  const users: Record<string, string> = {};
  const offices: Record<string, string> = {};
  for (const r of await db.sql(`SELECT id, username FROM users`))
    users[r.username as string] = r.id as string;
  for (const r of await db.sql(`SELECT id, short_name FROM offices`))
    offices[r.short_name as string] = r.id as string;
  return { users, offices };
}

/** Inserts the case, its officers and its closing limit; returns its id. */
export async function insertCase(
  db: TestDatabase,
  ids: { users: Record<string, string>; offices: Record<string, string> },
  c: FixtureCase,
): Promise<string> {
  const procedure = c.procedure ?? 'penalty_trademark';
  const [row] = await db.sql(
    `INSERT INTO cases (title, ip_type, procedure, source, status, office_id, region_code, province_code, city_code,
                        received_on, filed_on, decided_on, closed_on, fine_fen, next_due_at)
     SELECT $1, $2, $3, $4, $5, $6, r.code, r.province_code, r.city_code, $8, $9, $10, $11, $12, $13
       FROM regions r WHERE r.code = $7 RETURNING id`,
    [
      c.title,
      c.ipType ?? 'trademark',
      procedure,
      c.source ?? 'complaint',
      c.status,
      ids.offices[c.office],
      c.region,
      c.received,
      c.filed ?? null,
      c.decided ?? null,
      c.closed ?? null,
      c.fineYuan ? c.fineYuan * 100 : null,
      c.nextDue ?? null,
    ],
  );
  for (const [i, u] of (c.officers ?? []).entries()) {
    await db.sql(`INSERT INTO case_officers (case_id, user_id, lead) VALUES ($1, $2, $3)`, [
      row.id,
      ids.users[u],
      i === 0,
    ]);
  }
  if (c.closing) {
    await db.sql(
      `INSERT INTO case_deadlines (case_id, key, rule_id, actor, amount, unit, start_date, due_date, status, closed_on)
       VALUES ($1, 'closing', $2, 'office', 90, 'ND', $3, $4, $5, $6)`,
      [
        row.id,
        `${procedure}.closing`,
        c.closing.start,
        c.closing.due,
        c.closing.met ? 'met' : 'open',
        c.closing.met,
      ],
    );
  }
  return row.id as string;
}

/** The 浙江 provincial supervisor of the demo data as an actor, for calling services directly. */
export function zhejiangSupervisor(ids: {
  users: Record<string, string>;
  offices: Record<string, string>;
}): Actor {
  return {
    id: ids.users['supervisor.zj'],
    username: 'supervisor.zj',
    displayName: '',
    roles: ['supervisor'],
    officeId: ids.offices['浙知执'],
    regionCode: '330000',
  };
}
