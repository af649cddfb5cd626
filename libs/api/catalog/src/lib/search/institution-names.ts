import type { MemberDirectory } from '@ttx/api/identity';
import type { EntityManager } from 'typeorm';

/**
 * Institution id -> name through identity's read API: the catalog keeps only the id (ARCHITECTURE.md: no
 * reads of another context's tables). One query for any number of ids, none for none.
 */
export async function institutionNames(members: MemberDirectory, ids: Iterable<string>, manager?: EntityManager): Promise<Map<string, string>> {
  const facts = await members.organizations([...new Set(ids)], manager);
  return new Map([...facts.values()].map((o) => [o.id, o.name]));
}
