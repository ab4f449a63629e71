import { randomBytes } from 'node:crypto';

/** Base URL of the PostgreSQL server used by tests (a database per test file is created under it). */
export const TEST_PG_BASE = process.env.TEST_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
export const TEST_TEMPLATE_DB = 'ipe_test_template';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const templateUrl = () => `${TEST_PG_BASE}/${TEST_TEMPLATE_DB}`;

/** A unique name for a per-file database / queue prefix. */
export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
