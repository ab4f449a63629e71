import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

const SCHEMA = join(__dirname, '../../apps/web/src/api/schema.d.ts');

/**
 * The web app's API types are generated from the live OpenAPI document (style.md: UI and API cannot drift
 * silently). This fails when a DTO changed without regenerating; `npm run gen:api` rewrites the file.
 */
describe('OpenAPI types for the web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('are up to date', async () => {
    const doc = (await t.http().get('/api/docs-json').expect(200)).body;
    const docFile = join(mkdtempSync(join(tmpdir(), 'openapi-')), 'openapi.json');
    writeFileSync(docFile, JSON.stringify(doc));
    // openapi-typescript is ESM-only, which jest on Node 20 cannot load: run its CLI.
    const types = execFileSync(
      'node_modules/.bin/openapi-typescript',
      [docFile, '--default-non-nullable', 'false'],
      { encoding: 'utf8' },
    );
    const generated = '// Generated from /api/docs-json by `npm run gen:api`. Do not edit.\n' + types;
    if (process.env.UPDATE_OPENAPI) writeFileSync(SCHEMA, generated);
    expect(readFileSync(SCHEMA, 'utf8')).toBe(generated);
  });
});
