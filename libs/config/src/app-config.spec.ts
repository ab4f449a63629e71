import { loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses working defaults for local services', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DATABASE_URL).toContain('127.0.0.1:5432');
    expect(c.LOGIN_MAX_FAILURES).toBe(5);
    expect(c.CORS_ORIGINS).toEqual([]);
  });

  it('parses numbers, booleans and lists', () => {
    const c = loadConfig({
      PORT: '8080',
      LOG_PRETTY: 'true',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(c.PORT).toBe(8080);
    expect(c.LOG_PRETTY).toBe(true);
    expect(c.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names every bad variable and masks secrets', () => {
    expect(() => loadConfig({ PORT: 'abc', JWT_SECRET: 'short' })).toThrow(
      /PORT="abc"[^\n]*\n\s+JWT_SECRET=\*\*\*:/,
    );
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET must be set/);
  });
});
