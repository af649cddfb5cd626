import type { MigrationInterface, QueryRunner } from 'typeorm';
import { matchCandidatesSql } from './1765100000000-match-candidates';

/**
 * `catalog_match_candidates` (1765100000000) with half the pool per pair instead of a quarter. Each pair query
 * builds its whole GIN intersection before its LIMIT, so the number of pairs run is what a request costs: at 1M
 * a quarter of a 200 pool ran 4–9 pairs (a replay of the steps: 15–33 ms), half of it 2–8 (8–28 ms), with the
 * same top matches and reasons in the bench. The body is otherwise the same; down restores the quarter.
 */
export class MatchPairCap1765100100000 implements MigrationInterface {
  name = 'MatchPairCap1765100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(matchCandidatesSql(2, 'half'));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(matchCandidatesSql(4, 'a quarter'));
  }
}
