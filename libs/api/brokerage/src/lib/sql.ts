import type { EntityManager } from 'typeorm';

/**
 * Rows of an `UPDATE … RETURNING` / `DELETE … RETURNING`: TypeORM's pg driver answers those with
 * `[rows, rowCount]` instead of the rows, which would make every conditional update look successful.
 */
export async function returning<T = Record<string, unknown>>(m: Pick<EntityManager, 'query'>, sql: string, params: unknown[]): Promise<T[]> {
  const r = await m.query(sql, params);
  return Array.isArray(r) && r.length === 2 && Array.isArray(r[0]) && typeof r[1] === 'number' ? (r[0] as T[]) : (r as T[]);
}
