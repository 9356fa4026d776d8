import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('loadConfig', () => {
  it('uses the documented defaults', () => {
    const config = loadConfig({}, '/srv/nabolag');
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      databaseUrl: undefined,
      dataDirectory: path.resolve('/srv/nabolag/data'),
      seedDemo: true,
      admin: undefined,
    });
  });

  it('reads the database URL, data folder and admin', () => {
    const config = loadConfig(
      {
        PORT: '9000',
        DATABASE_URL: 'postgres://u:p@db:5432/nabolag',
        NABOLAG_DATA_DIR: '/var/lib/nabolag',
        NABOLAG_ADMIN_EMAIL: 'admin@larvik.kommune.no',
        NABOLAG_ADMIN_PASSWORD: 'a long enough password',
      },
      '/',
    );
    expect(config.port).toBe(9000);
    expect(config.databaseUrl).toBe('postgres://u:p@db:5432/nabolag');
    expect(config.dataDirectory).toBe('/var/lib/nabolag');
    expect(config.admin).toEqual({ email: 'admin@larvik.kommune.no', password: 'a long enough password' });
  });

  it('searches Kartverket for addresses unless told another URL or off', () => {
    expect(loadConfig({}, '/').addressSearch).toEqual({
      url: 'https://ws.geonorge.no/adresser/v1/punktsok',
      timeoutMs: 2500,
    });
    expect(
      loadConfig(
        {
          NABOLAG_ADDRESS_SEARCH_URL: 'http://127.0.0.1:9/adresser/v1/punktsok',
          NABOLAG_ADDRESS_SEARCH_TIMEOUT_MS: '800',
        },
        '/',
      ).addressSearch,
    ).toEqual({ url: 'http://127.0.0.1:9/adresser/v1/punktsok', timeoutMs: 800 });
    expect(loadConfig({ NABOLAG_ADDRESS_SEARCH_URL: 'off' }, '/').addressSearch).toBeUndefined();
    expect(() => loadConfig({ NABOLAG_ADDRESS_SEARCH_URL: 'geonorge' }, '/')).toThrow(
      /NABOLAG_ADDRESS_SEARCH_URL must be a URL or off/,
    );
  });

  it('lists every problem in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', NABOLAG_ADMIN_EMAIL: 'not-an-email' }, '/');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL must start with postgres/);
    expect(problems).toMatch(/NABOLAG_ADMIN_EMAIL must be an e-mail address/);
    expect(problems).toMatch(/set both NABOLAG_ADMIN_EMAIL and NABOLAG_ADMIN_PASSWORD/);
  });
});
