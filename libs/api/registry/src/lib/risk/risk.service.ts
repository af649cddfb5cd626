import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { RegistrySettings } from '@ttx/shared/contracts';
import type { RiskWarningDto } from '../dto/contract.dto';
import { RegistrySettingsService } from '../settings/settings.service';

const yuan = (fen: number) => `RMB ${(fen / 100).toLocaleString('en-US', { maximumFractionDigits: 2 })}`;
const LIVE = `status NOT IN ('draft','rejected')`;

/**
 * Market-risk warnings for registrars (DOMAIN.md §5, 004 §III(iii)2 "big-data early warning"):
 * each rule is one set-based query over the page of contracts shown, and each warning carries its evidence.
 */
@Injectable()
export class RiskService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: RegistrySettingsService,
  ) {}

  async warnings(ids: string[], m: EntityManager = this.dataSource.manager): Promise<Map<string, RiskWarningDto[]>> {
    const out = new Map<string, RiskWarningDto[]>(ids.map((id) => [id, []]));
    if (!ids.length) return out;
    const s = await this.settings.get(m);
    const add = (id: string, w: RiskWarningDto) => out.get(id)?.push(w);
    for (const r of await this.splits(m, ids, s)) {
      add(r.id, {
        kind: 'split_below_threshold',
        message: `${r.n} contracts between the same parties within ${s.splitWindowDays} days are each just under the review threshold of ${yuan(s.reviewThresholdFen)} and together reach ${yuan(Number(r.total))}`,
        evidence: { contracts: r.others, total: Number(r.total), thresholdFen: s.reviewThresholdFen, windowDays: s.splitWindowDays },
      });
    }
    for (const r of await this.outliers(m, ids, s)) {
      add(r.id, {
        kind: 'amount_outlier',
        message: `The amount ${yuan(Number(r.amount))} is ${Math.abs(r.z).toFixed(1)} standard deviations (log scale) from the ${r.n} registered ${r.kind} contracts (typical ${yuan(Math.round(Math.exp(r.mean)))})`,
        evidence: { z: Number(r.z.toFixed(2)), sample: Number(r.n), typicalFen: Math.round(Math.exp(r.mean)), limit: s.outlierZScore },
      });
    }
    for (const r of await this.circular(m, ids, s)) {
      add(r.id, {
        kind: 'circular_deal',
        message: `The buyer sold technology back to the seller within ${s.circularWindowDays} days: ${r.others.length} contract(s) in the opposite direction`,
        evidence: { contracts: r.others, windowDays: s.circularWindowDays },
      });
    }
    return out;
  }

  private splits(m: EntityManager, ids: string[], s: RegistrySettings): Promise<{ id: string; n: number; total: string; others: unknown[] }[]> {
    const low = Math.floor(s.reviewThresholdFen * (1 - s.splitMarginRatio));
    return m.query(
      `SELECT c.id, count(*)::int AS n, sum(o.contract_fen) AS total,
              json_agg(json_build_object('id', o.id, 'signedOn', o.signed_on, 'amount', o.contract_fen) ORDER BY o.signed_on) AS others
         FROM contracts c
         JOIN contracts o ON o.seller_credit_code = c.seller_credit_code AND o.buyer_credit_code = c.buyer_credit_code
                         AND abs(o.signed_on - c.signed_on) <= $2 AND o.${LIVE} AND o.contract_fen >= $3 AND o.contract_fen < $4
        WHERE c.id = ANY($1) AND c.contract_fen >= $3 AND c.contract_fen < $4
        GROUP BY c.id
       HAVING count(*) >= 2 AND sum(o.contract_fen) >= $4`,
      [ids, s.splitWindowDays, low, s.reviewThresholdFen],
    );
  }

  private async outliers(m: EntityManager, ids: string[], s: RegistrySettings): Promise<{ id: string; kind: string; amount: string; n: string; mean: number; z: number }[]> {
    const rows: { id: string; kind: string; amount: string; n: string; mean: number; z: number | null }[] = await m.query(
      `SELECT c.id, c.kind, c.contract_fen AS amount, k.n, k.sum_ln / k.n AS mean,
              (ln(c.contract_fen::double precision) - k.sum_ln / k.n)
                / NULLIF(sqrt(GREATEST(k.sum_ln2 / k.n - (k.sum_ln / k.n) ^ 2, 0)), 0) AS z
         FROM contracts c JOIN contract_kind_moments k ON k.kind = c.kind
        WHERE c.id = ANY($1) AND k.n >= $2`,
      [ids, s.outlierMinSample],
    );
    return rows.filter((r): r is typeof r & { z: number } => r.z !== null && Math.abs(r.z) > s.outlierZScore);
  }

  private circular(m: EntityManager, ids: string[], s: RegistrySettings): Promise<{ id: string; others: unknown[] }[]> {
    return m.query(
      `SELECT c.id, json_agg(json_build_object('id', o.id, 'signedOn', o.signed_on, 'amount', o.contract_fen, 'projectName', o.project_name)) AS others
         FROM contracts c
         JOIN contracts o ON o.seller_credit_code = c.buyer_credit_code AND o.buyer_credit_code = c.seller_credit_code
                         AND abs(o.signed_on - c.signed_on) <= $2 AND o.${LIVE}
        WHERE c.id = ANY($1)
        GROUP BY c.id`,
      [ids, s.circularWindowDays],
    );
  }
}
