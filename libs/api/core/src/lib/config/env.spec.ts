import { parseEnv, parseEnvSubset } from './env';

const valid = {
  DATABASE_URL: 'postgres://u:topsecret@db:5432/ttx',
  REDIS_URL: 'redis://cache:6379',
  JWT_ACCESS_SECRET: 'a'.repeat(32),
  JWT_REFRESH_SECRET: 'b'.repeat(32),
};

describe('environment schema', () => {
  it('parses and types a valid environment with defaults', () => {
    const c = parseEnv(valid);
    expect(c.PORT).toBe(3000);
    expect(c.NODE_ENV).toBe('development');
    expect(c.TTX_DEMO_PASSWORD).toBe('ttx-demo-2026');
    expect(c.SMTP_URL).toBeUndefined();
  });

  it('names a missing variable in one line', () => {
    const rest: NodeJS.ProcessEnv = { ...valid };
    delete rest['DATABASE_URL'];
    expect(() => parseEnv(rest)).toThrow(/^Invalid configuration: DATABASE_URL is required$/);
  });

  it('names a malformed variable and never echoes secret values', () => {
    expect(() => parseEnv({ ...valid, JWT_ACCESS_SECRET: 'short-secret' })).toThrow('Invalid configuration: JWT_ACCESS_SECRET must be at least 32 characters');
    expect(() => parseEnv({ ...valid, PORT: 'eighty' })).toThrow(/PORT/);
    try {
      parseEnv({ ...valid, SMTP_URL: 'http://user:hunter2@mail' });
    } catch (e) {
      expect(String(e)).toContain('SMTP_URL');
      expect(String(e)).not.toContain('hunter2');
    }
    expect(() => parseEnv({ ...valid, REDIS_URL: 'not a url' })).toThrow(/REDIS_URL must be a URL/);
  });

  it('treats empty strings as unset, like an untouched .env.example line', () => {
    expect(parseEnv({ ...valid, SMTP_URL: '' }).SMTP_URL).toBeUndefined();
  });

  it('validates a subset for tools that need only the database', () => {
    expect(parseEnvSubset({ DATABASE_URL: valid.DATABASE_URL }, ['DATABASE_URL'])).toEqual({ DATABASE_URL: valid.DATABASE_URL });
  });
});
