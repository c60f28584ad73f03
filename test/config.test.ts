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
});
