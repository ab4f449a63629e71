import { Client } from 'pg';

/** Splits a postgres URL into the database name and a URL for the maintenance database. */
export function parseDatabaseUrl(url: string): { name: string; adminUrl: string } {
  const u = new URL(url);
  const name = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Database name "${name}" must be letters, digits and _`);
  u.pathname = '/postgres';
  return { name, adminUrl: u.toString() };
}

async function withAdmin<T>(url: string, fn: (c: Client, name: string) => Promise<T>): Promise<T> {
  const { name, adminUrl } = parseDatabaseUrl(url);
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client, name);
  } finally {
    await client.end();
  }
}

/** Creates the database named in `url` when it does not exist (optionally as a copy of `template`). */
export function ensureDatabase(url: string, template?: string): Promise<boolean> {
  return withAdmin(url, async (c, name) => {
    const { rowCount } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    await c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
    return true;
  });
}

export function dropDatabase(url: string): Promise<void> {
  return withAdmin(url, async (c, name) => {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
