import { createTestDatabase, TestDatabase, testConfig } from '@app/testing';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { preparedQuery } from './prepared-query';
import { SequenceBlock } from './sequence-block';

describe('SequenceBlock and preparedQuery (real PostgreSQL)', () => {
  let db: TestDatabase;
  /** A pool of ONE connection: a caller holding it must never wait for another. */
  let ds: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    await db.sql(`CREATE SEQUENCE block_test_seq`);
    await db.sql(`CREATE TABLE prepared_test (n int)`);
    ds = new DataSource(
      dataSourceOptions(testConfig({ DATABASE_URL: db.url, DATABASE_POOL_SIZE: '1' }), { replicas: false }),
    );
    await ds.initialize();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('hands out unique values, increasing in the order asked, one round trip per block', async () => {
    const block = new SequenceBlock('block_test_seq', 8);
    const values: number[] = [];
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        const v = await block.next(ds.manager);
        values.push(v);
      }),
    );
    expect(new Set(values).size).toBe(50);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
    const [{ last }] = await db.sql(`SELECT last_value::int AS last FROM block_test_seq`);
    // 50 values from blocks of 8 (plus at most one block fetched ahead): 7 or 8 blocks, never one per value.
    expect(last).toBeGreaterThanOrEqual(56);
    expect(last).toBeLessThanOrEqual(64);
  });

  it('fetches on the caller’s own connection inside a transaction (the only one in the pool)', async () => {
    const block = new SequenceBlock('block_test_seq', 4);
    const got = await ds.transaction(async (tx) => {
      const out: number[] = [];
      for (let i = 0; i < 6; i++) out.push(await block.next(tx));
      return out;
    });
    expect(new Set(got).size).toBe(6);
  });

  it('runs named statements in the caller’s transaction or on the pool, rolled back with the transaction', async () => {
    const insert = `INSERT INTO prepared_test (n) VALUES ($1) RETURNING n`;
    await expect(
      ds.transaction(async (tx) => {
        expect(await preparedQuery(tx, insert, [1])).toEqual([{ n: 1 }]);
        expect(await preparedQuery(tx, `SELECT count(*)::int AS c FROM prepared_test`, [])).toEqual([
          { c: 1 },
        ]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await preparedQuery(ds.manager, insert, [2]);
    await preparedQuery(ds.manager, insert, [3]);
    expect((await db.sql(`SELECT n FROM prepared_test ORDER BY n`)).map((r) => r.n)).toEqual([2, 3]);
    // pg's own error, with the SQLSTATE the application reacts to.
    await expect(preparedQuery(ds.manager, `SELECT 1 / $1::int`, [0])).rejects.toMatchObject({
      code: '22012',
    });
  });
});
