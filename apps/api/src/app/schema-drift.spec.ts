import { bootTestApp, type TestApp } from '@ttx/api/core/testing';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';

/** Migrations are the only source of schema; entities must describe exactly what they create. */
describe('schema drift', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await bootTestApp([AppModule]);
  }, 60_000);
  afterAll(() => t?.close());

  it('finds nothing for db:generate to do after all migrations ran', async () => {
    const sql = await t.app.get(DataSource).driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('creates the database with a UTF-8 ctype so Chinese text can be indexed', async () => {
    const [row] = await t.app.get(DataSource).query('SELECT pg_encoding_to_char(encoding) AS enc, datctype FROM pg_database WHERE datname = current_database()');
    expect(row.enc).toBe('UTF8');
    expect(row.datctype).toMatch(/utf-?8/i);
  });
});
