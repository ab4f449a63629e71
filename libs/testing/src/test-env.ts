import { randomBytes } from 'node:crypto';

/** Base URL of the PostgreSQL server used by tests (a database per test file is created under it). */
export const TEST_PG_BASE = process.env.TEST_PG_BASE ?? 'postgres://postgres@127.0.0.1:5432';
/** Set by the jest global setup: each run builds its own template, so concurrent runs do not disturb each other. */
export const TEST_TEMPLATE_DB = process.env.IPE_TEST_TEMPLATE ?? 'ipe_test_template';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const templateUrl = (name = TEST_TEMPLATE_DB) => `${TEST_PG_BASE}/${name}`;

/** A unique name for a per-file database / queue prefix. */
export const uniqueName = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
