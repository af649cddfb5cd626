import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Demand matching in one round trip (issue #8; catalog/search/candidates.ts).
 *
 * `catalog_match_candidates` gathers a demand's candidate achievements best-first: one AND query per pair of
 * its leading terms, in the order given (the service puts the least frequent pairs first), each adding up to
 * a quarter of `pool` rows until `pool` are held. A GIN AND is driven by its rarer term's posting list, whereas the former single OR
 * of all pairs had to walk every head term's list (14,000–34,000 rows at 200k, a third of the catalog at 1M)
 * before its LIMIT. Only when the pairs find fewer than `lim` rows do single terms (`singles`, in order) add
 * up to `pool` more. The pool is ranked by ts_rank against `anyq`; the best `lim` come back with the demand's
 * `terms` they hold (the vector intersected with the terms through weights: cheaper than unnesting it). The
 * settings are the ones the service used to set per transaction: no sequential scan of the vectors, a bitmap
 * that stays exact.
 *
 * `demands.match_terms` keeps a demand's informative terms (catalog `MatchTerms`) from posting time: a demand's
 * text never changes, and English stems need a database round trip to compute.
 */
/** The function's definition: at most pool / `divisor` rows per pair in the first pass (`share` names it). */
export const matchCandidatesSql = (divisor: 2 | 4, share: string) => `
      CREATE OR REPLACE FUNCTION catalog_match_candidates(terms text[], pairs tsquery[], singles tsquery[], anyq tsquery, pool int, lim int)
        RETURNS TABLE (achievement_id uuid, tier int, rank real, matched text[])
        LANGUAGE plpgsql STABLE ROWS 120
        SET enable_seqscan = off SET work_mem = '32MB'
      AS $$
      DECLARE
        picked uuid[] := '{}';
        strict_n int;
        cap int;
        q tsquery;
      BEGIN
        -- At most ${share} of the pool per pair first, so that one broad pair cannot fill it alone; a second pass
        -- without the cap only when that left fewer than lim.
        FOREACH cap IN ARRAY ARRAY[greatest(pool / ${divisor}, 1), pool] LOOP
          FOREACH q IN ARRAY pairs LOOP
            EXIT WHEN cardinality(picked) >= pool;
            picked := picked || ARRAY(SELECT x.id FROM achievements x WHERE x.search @@ q AND x.status = 'published' AND x.id <> ALL (picked)
                                       LIMIT least(cap, pool - cardinality(picked)));
          END LOOP;
          EXIT WHEN cardinality(picked) >= lim;
        END LOOP;
        strict_n := cardinality(picked);
        IF strict_n < lim THEN
          FOREACH q IN ARRAY singles LOOP
            EXIT WHEN cardinality(picked) >= strict_n + pool;
            picked := picked || ARRAY(SELECT x.id FROM achievements x WHERE x.search @@ q AND x.status = 'published' AND x.id <> ALL (picked)
                                       LIMIT strict_n + pool - cardinality(picked));
          END LOOP;
        END IF;
        RETURN QUERY
          SELECT r.id, r.tier, r.rank, tsvector_to_array(ts_filter(setweight(setweight(r.v, 'D'), 'A', terms), '{a}'))
            FROM (SELECT x.id, x.search AS v, CASE WHEN p.n <= strict_n THEN 0 ELSE 1 END AS tier, ts_rank(x.search, anyq) AS rank
                    FROM unnest(picked) WITH ORDINALITY p(id, n) JOIN achievements x ON x.id = p.id
                   ORDER BY 3, 4 DESC, 1 LIMIT lim) r
           ORDER BY r.tier, r.rank DESC, r.id;
      END $$`;

export class MatchCandidates1765100000000 implements MigrationInterface {
  name = 'MatchCandidates1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE demands ADD COLUMN match_terms jsonb`);
    await q.query(matchCandidatesSql(4, 'a quarter'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION catalog_match_candidates(text[], tsquery[], tsquery[], tsquery, int, int)`);
    await q.query(`ALTER TABLE demands DROP COLUMN match_terms`);
  }
}
