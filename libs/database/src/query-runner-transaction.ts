import type { DataSource, QueryRunner } from 'typeorm';

/**
 * Runs `work` in a transaction of its own on a dedicated connection of the primary (`BEGIN <mode>`, COMMIT, or
 * ROLLBACK when it throws) — for background jobs that choose their isolation and must not join the request's
 * ambient transaction.
 */
export async function inOwnTransaction<T>(
  dataSource: DataSource,
  work: (qr: QueryRunner) => Promise<T>,
  mode = 'ISOLATION LEVEL READ COMMITTED',
): Promise<T> {
  const qr = dataSource.createQueryRunner('master');
  await qr.connect();
  try {
    await qr.query(`BEGIN ${mode}`);
    try {
      const result = await work(qr);
      await qr.query('COMMIT');
      return result;
    } catch (e) {
      await qr.query('ROLLBACK');
      throw e;
    }
  } finally {
    await qr.release();
  }
}
