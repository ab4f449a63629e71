import type { Actor } from '@app/contracts';

/** The query that reads an actor by username (`$1`); the row maps with `actorFromRow`. */
export const ACTOR_BY_USERNAME_SQL = `SELECT u.id, u.username, u.display_name, u.roles, u.office_id, o.region_code
  FROM users u JOIN offices o ON o.id = u.office_id WHERE u.username = $1`;

/** An actor from a `users` row joined with its office's region (as ACTOR_BY_USERNAME_SQL returns it). */
export function actorFromRow(u: Record<string, unknown>): Actor {
  return {
    id: u.id as string,
    username: u.username as string,
    displayName: u.display_name as string,
    roles: u.roles as Actor['roles'],
    officeId: u.office_id as string,
    regionCode: u.region_code as string,
  };
}

/** Looks up an actor by username with any query function (a DataSource, a test database, a pool). */
export async function actorByUsername(
  query: (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>,
  username: string,
): Promise<Actor> {
  const [u] = await query(ACTOR_BY_USERNAME_SQL, [username]);
  if (!u) throw new Error(`No user ${username}`);
  return actorFromRow(u);
}
