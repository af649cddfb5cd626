import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions, orExit, parseEnvSubset } from '@ttx/api/core';
import { CATALOG_ENTITIES } from '@ttx/api/catalog';
import { IDENTITY_ENTITIES } from '@ttx/api/identity';

/** For the TypeORM CLI (nx run api:db:generate / db:migrate / db:revert); needs only DATABASE_URL. */
export default new DataSource({
  ...dataSourceOptions(orExit(() => parseEnvSubset(process.env, ['DATABASE_URL'])).DATABASE_URL),
  entities: [...IDENTITY_ENTITIES, ...CATALOG_ENTITIES],
});
