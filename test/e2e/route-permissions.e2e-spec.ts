import { IS_PUBLIC, REQUIRED_ROLES } from '@app/auth';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, TestApp } from '../support/test-app';

/**
 * Every route with who may call it, in one reviewed file (style.md: permissions visible in one place).
 * A new route, or a changed role, fails this test until route-permissions.json is updated in the same change
 * (`npm run gen:routes` rewrites it; review the diff).
 */
describe('route permissions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('match the reviewed table', () => {
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    const table: Record<string, string> = {};
    for (const wrapper of discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const base = String(Reflect.getMetadata(PATH_METADATA, metatype) ?? '');
      for (const name of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = ['', base === 'health' ? '' : 'api/v1', base, path]
          .filter((p, i) => i === 0 || p)
          .join('/')
          .replace(/\/+/g, '/')
          .replace(/\/$/, '');
        const isPublic = reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler as never, metatype]);
        const roles = reflector.getAllAndOverride<string[]>(REQUIRED_ROLES, [handler as never, metatype]);
        table[`${method} ${full}`] = isPublic
          ? 'public'
          : roles?.length
            ? [...roles].sort().join(',')
            : 'any signed-in user';
      }
    }
    const sorted = Object.fromEntries(Object.entries(table).sort(([a], [b]) => a.localeCompare(b)));
    const file = join(__dirname, 'route-permissions.json');
    if (process.env.UPDATE_ROUTE_PERMISSIONS) writeFileSync(file, JSON.stringify(sorted, null, 2) + '\n');
    const expected = JSON.parse(readFileSync(file, 'utf8'));
    expect(sorted).toEqual(expected);
  });
});
