import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type AuthUser } from '@ttx/api/core';
import type { LicenceKind, PaymentTerms } from '@ttx/shared/contracts';
import { addDays, addMonths, periodBounds, periodKey, royaltyAmount } from '@ttx/shared/policy';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MatchCandidatesService } from '@ttx/api/catalog';
import { MemberDirectory } from '@ttx/api/identity';
import { DataSource, type EntityManager } from 'typeorm';
import { uninvoicedDue } from '../invoices/billing-loader';
import { InvoiceIssuer } from '../invoices/invoice-issuer';
import { LicenceWriter, type TermsInput } from '../licences/licence-writer';
import { today } from '../licences/licence-row';
import { PaymentsService } from '../payments/payments.service';

/** seeds/demo/licensing.json (see its $comment). */
export interface LicensingSeed {
  licences: {
    achievement: string;
    licensee: string;
    kind: LicenceKind;
    territory: string[];
    fieldsOfUse: string[];
    startsMonthsAgo: number;
    years: number;
    status: 'draft' | 'active' | 'terminated';
    terms: TermsInput;
    /** Net sales (fen) of consecutive royalty periods from the start, each reported 10 days after its end. */
    reports: number[];
    /** Per milestone position (1-based order), days ago it was confirmed; the rest stay pending. */
    milestonesConfirmedDaysAgo: number[];
    costs: { amount: number; description: string }[];
    /** `royalty:first` / `royalty:second` name the licence's royalty invoices in order. */
    payments: { periodKey: string; fraction: number }[];
  }[];
}

interface IdentitySeed {
  organizations: { key: string; creditCode: string }[];
  users: { email: string; memberships: { org: string; role: string }[] }[];
}

/** The demo users who submitted the seeded royalty reports and recorded the costs. */
const REPORTER = 'sme@demo.ttx';
const COST_AUTHOR = 'tto@demo.ttx';

/**
 * Loads the licensing demo data after identity, catalog and rights: only into an empty licensing context,
 * never in production. Licences go through the same writer as the API; reports are dated in the past (so
 * invoices can be overdue); invoices come from the issuer and payments from the payments service, so the
 * distribution ledger and notifications are what the running system would have made.
 */
@Injectable()
export class LicensingSeeder {
  private readonly log = new Logger('LicensingSeeder');

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: LicenceWriter,
    private readonly issuer: InvoiceIssuer,
    private readonly payments: PaymentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MemberDirectory,
    private readonly catalog: MatchCandidatesService,
  ) {}

  async seed(dir: string): Promise<'seeded' | 'skipped'> {
    if (this.config.NODE_ENV === 'production') return 'skipped';
    const file = join(dir, 'licensing.json');
    if (!existsSync(file)) return 'skipped';
    const seed = JSON.parse(readFileSync(file, 'utf8')) as LicensingSeed;
    const identity = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as IdentitySeed;
    // Market deals seeded before may have made licences already (the deal bridge); only offline ones count.
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM licences WHERE deal_id IS NULL');
    if (n > 0) return 'skipped';
    const now = today();
    const refs = await this.references(seed, identity);
    for (const l of seed.licences) {
      const code = identity.organizations.find((o) => o.key === l.licensee)?.creditCode;
      const licenseeOrgId = code && refs.orgs.get(code);
      const achievementId = refs.achievements.get(l.achievement);
      if (!licenseeOrgId || !achievementId) {
        this.log.warn(`licensing seed: skipped ${l.achievement} (achievement or licensee ${l.licensee} not found)`);
        continue;
      }
      const startsOn = addMonths(now, -l.startsMonthsAgo);
      const id = await this.dataSource.transaction(async (m) => {
        const licenceId = await this.writer.create(m, {
          achievementId,
          licenseeOrgId,
          kind: l.kind,
          territory: l.territory,
          fieldsOfUse: l.fieldsOfUse,
          startsOn,
          endsOn: addDays(addMonths(startsOn, 12 * l.years), -1),
          sublicensing: false,
          terms: l.terms,
          dealId: null,
          broker: null,
          status: l.status === 'draft' ? 'draft' : 'active',
          actorId: null,
        });
        await this.history(m, licenceId, startsOn, l, now, refs.users);
        return licenceId;
      });
      for (const d of (await uninvoicedDue(this.dataSource.manager, [id], now)).get(id)?.due ?? []) await this.issuer.issue(id, d.periodKey, now);
      await this.pay(id, l, identity, refs.users);
      if (l.status === 'terminated') {
        await this.dataSource.query(`UPDATE licences SET status = 'terminated', terminated_at = now() WHERE id = $1`, [id]);
        await this.dataSource.query(`DELETE FROM licence_exclusivity_cells WHERE licence_id = $1`, [id]);
      }
    }
    this.log.log(`licensing demo data: ${seed.licences.length} licences`);
    return 'seeded';
  }

  /** The seed's licensees, achievements and users by their natural keys, through identity's and catalog's read APIs. */
  private async references(seed: LicensingSeed, identity: IdentitySeed) {
    const [orgs, achievements, users] = await Promise.all([
      this.members.organizationIdsByCreditCode(identity.organizations.filter((o) => seed.licences.some((l) => l.licensee === o.key)).map((o) => o.creditCode)),
      this.catalog.publishedIdsByTitle(seed.licences.map((l) => l.achievement), 'zh'),
      this.members.userIdsByEmail([REPORTER, COST_AUTHOR, ...identity.users.map((u) => u.email)]),
    ]);
    return { orgs, achievements, users };
  }

  /** Past royalty reports (each 10 days after its period), the first milestone confirmed for pending ones to follow, costs. */
  private async history(
    m: EntityManager,
    id: string,
    startsOn: string,
    l: LicensingSeed['licences'][number],
    now: string,
    users: Map<string, string>,
  ): Promise<void> {
    const royalty = (l.terms as PaymentTerms).royalty;
    let key = royalty ? periodKey(startsOn, royalty.period) : '';
    for (const netSales of royalty ? l.reports : []) {
      const b = royalty && periodBounds(key, royalty.period);
      if (!royalty || !b) break;
      const submitted = addDays(b.end, 10);
      if (submitted >= now) break;
      await m.query(
        `INSERT INTO royalty_reports (licence_id, period_key, period_start, period_end, net_sales_fen, royalty_fen, late, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, false, $7, $8::date + time '10:00')`,
        [id, key, b.start, b.end, netSales, royaltyAmount(netSales, royalty.rateBp), users.get(REPORTER) ?? null, submitted],
      );
      if (netSales > 0) await m.query(`UPDATE licences SET first_sales_on = COALESCE(first_sales_on, $2) WHERE id = $1`, [id, submitted]);
      key = periodKey(addMonths(b.start, royalty.period === 'monthly' ? 1 : royalty.period === 'quarterly' ? 3 : 12), royalty.period);
    }
    for (const [i, days] of l.milestonesConfirmedDaysAgo.entries()) {
      await m.query(`UPDATE licence_milestones SET confirmed_at = now() - make_interval(days => $3) WHERE licence_id = $1 AND position = $2`, [id, i + 1, days]);
    }
    const author = users.get(COST_AUTHOR);
    // Costs need their author: without the demo TTO manager none are recorded.
    for (const c of author ? l.costs : []) {
      await m.query(`INSERT INTO licence_costs (licence_id, amount_fen, description, created_by) VALUES ($1, $2, $3, $4)`, [id, c.amount, c.description, author]);
    }
  }

  private async pay(id: string, l: LicensingSeed['licences'][number], identity: IdentitySeed, users: Map<string, string>): Promise<void> {
    if (!l.payments.length) return;
    const email = identity.users.find((u) => u.memberships.some((x) => x.org === l.licensee && x.role === 'enterprise_member'))?.email.toLowerCase();
    const userId = email && users.get(email);
    if (!email || !userId) return;
    const caller: AuthUser = { id: userId, email, roles: ['enterprise_member'] };
    const invoices: { id: string; period_key: string; amount_fen: string }[] = await this.dataSource.query(
      `SELECT i.id, i.period_key, i.amount_fen, m.position FROM invoices i LEFT JOIN licence_milestones m ON i.period_key = 'milestone:' || m.id WHERE i.licence_id = $1 ORDER BY i.period_key`,
      [id],
    );
    const royalties = invoices.filter((i) => i.period_key.startsWith('royalty:'));
    for (const p of l.payments) {
      const byName: Record<string, (typeof invoices)[number] | undefined> = { 'royalty:first': royalties[0], 'royalty:second': royalties[1] };
      const position = /^milestone:(\d+)$/.exec(p.periodKey)?.[1];
      const inv = byName[p.periodKey] ?? (position ? invoices.find((i) => String((i as { position?: number }).position) === position) : invoices.find((i) => i.period_key === p.periodKey));
      if (!inv) continue;
      await this.payments.pay(caller, `seed-${inv.id}`, { invoiceId: inv.id, amount: Math.round(Number(inv.amount_fen) * p.fraction), reference: `DEMO-${inv.id.slice(0, 8)}` });
    }
  }
}
