import { loadConfig } from '../bot/config';

describe('configuration', () => {
  it('has working defaults: local mode, SQLite, port 3978', () => {
    const c = loadConfig({}, '/srv/bot');
    expect(c).toMatchObject({ port: 3978, env: 'development', databaseUrl: 'file:/srv/bot/data/dibs.db', auth: undefined, loadDemoData: true });
  });

  it('stops with a message that names the bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/);
  });

  it('needs app id and password together, and never loads demo data in production', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'abc' })).toThrow(/MicrosoftAppId and MicrosoftAppPassword/);
    expect(loadConfig({ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'secret' }).auth).toMatchObject({ appId: 'abc' });
    const production = { NODE_ENV: 'production', CODE_SECRET: 'a-long-random-production-secret', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' };
    expect(loadConfig(production).loadDemoData).toBe(false);
    expect(() => loadConfig({ ...production, DEMO_DATA: 'on' })).toThrow(/DEMO_DATA/);
    expect(() => loadConfig({ ...production, CODE_SECRET: '' })).toThrow(/CODE_SECRET/);
    expect(() => loadConfig({ NODE_ENV: 'production', CODE_SECRET: 'a-long-random-production-secret' })).toThrow(/MicrosoftAppId: required in production/);
    expect(() => loadConfig({ CODE_SECRET: 'short' })).toThrow(/CODE_SECRET/);
  });

  it('local mode (no credentials) listens on 127.0.0.1 by default and refuses a network HOST unless DEV_BOX_OPEN_TO_NETWORK=on', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).host).toBe('0.0.0.0');
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1']) expect(loadConfig({ HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0', '::', '192.168.1.20', 'devbox.local']) {
      expect(() => loadConfig({ HOST: host })).toThrow(/HOST: .* is not a loopback address.*DEV_BOX_OPEN_TO_NETWORK=on/s);
      expect(loadConfig({ HOST: host, DEV_BOX_OPEN_TO_NETWORK: 'on' }).host).toBe(host);
      expect(loadConfig({ HOST: host, MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' }).host).toBe(host);
    }
    expect(() => loadConfig({ DEV_BOX_OPEN_TO_NETWORK: 'yes' })).toThrow(/DEV_BOX_OPEN_TO_NETWORK/);
    const production = { NODE_ENV: 'production', CODE_SECRET: 'a-long-random-production-secret', MicrosoftAppId: 'id', MicrosoftAppPassword: 'pw' };
    expect(() => loadConfig({ ...production, DEV_BOX_OPEN_TO_NETWORK: 'on' })).toThrow(/DEV_BOX_OPEN_TO_NETWORK: a production server is not a development box/);
  });
});
