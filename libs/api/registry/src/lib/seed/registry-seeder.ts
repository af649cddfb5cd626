import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, OutboxService, type AppConfig } from '@ttx/api/core';
import { MemberDirectory } from '@ttx/api/identity';
import type { ContractKind, ContractStatus, PartyType, RejectionReason } from '@ttx/shared/contracts';
import { creditCodeCheckCharacter, registrationNumber, reviewDueOn, techTransactionAmount } from '@ttx/shared/policy';
import { verificationCodeSql } from '../contracts/contracts.service';
import { notifyFiler, notifyRegistrars, registeredMessage, rejectedMessage, submittedMessage } from '../contracts/notify';
import { DEMO_HISTORY_REGIONS } from './history-regions';

type Party = { org: string } | { name: string; creditCode: string; regionCode?: string; countryCode?: string; type: PartyType };

/** seeds/demo/registry.json — described in seeds/README.md */
export interface ContractSeed {
  key: string;
  filer: string;
  status: ContractStatus;
  kind: ContractKind;
  subKind?: string;
  projectName: string;
  fieldCode?: string;
  signedDaysAgo: number;
  acceptedDaysAgo?: number;
  registeredDaysAgo?: number;
  sellerType?: PartyType;
  buyer: Party;
  contractAmount: number;
  nonTechnical: { equipment?: number; materials?: number; construction?: number; other?: number };
  expectedInvestment?: number;
  expectedOutput?: number;
  rejection?: { reasons: RejectionReason[]; note: string };
}

interface RegistrySeedFile {
  contracts: ContractSeed[];
  history?: { count: number; months: number; seed: number; filer: string };
}

interface Org {
  id: string;
  name: string;
  credit_code: string;
  region_code: string;
  kind: string;
}

/** The demo registrar who accepted and registered the seeded contracts. */
const REGISTRAR = 'registrar@demo.ttx';
const DAY = 86_400_000;
const dayOf = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY);
const ymd = (d: Date) => d.toISOString().slice(0, 10);
const ORG_PARTY_TYPE: Record<string, PartyType> = { enterprise: 'enterprise', institution: 'university' };

/** Deterministic PRNG (mulberry32): the same demo every time. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Typical contract amounts per kind (median, fen): national average RMB 5.14 M (DOMAIN.md §5, 004 §I(i)2). */
const KIND_MIX: [ContractKind, number, number][] = [
  ['service', 0.34, 180_000_000],
  ['development', 0.26, 600_000_000],
  ['consulting', 0.14, 60_000_000],
  ['transfer', 0.12, 900_000_000],
  ['licensing', 0.1, 400_000_000],
  ['training', 0.02, 20_000_000],
  ['intermediary', 0.02, 30_000_000],
];

@Injectable()
export class RegistrySeeder {
  private readonly log = new Logger('RegistrySeeder');
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly members: MemberDirectory,
    private readonly outbox: OutboxService,
  ) {}

  /** Loads (with the notifications the live transitions send) only into a registry without filed or imported contracts (drafts of seeded market deals don't count), never in production. */
  async seed(dir: string): Promise<'seeded' | 'skipped'> {
    const file = join(dir, 'registry.json');
    if (this.config.NODE_ENV === 'production' || !existsSync(file)) return 'skipped';
    const [{ n }] = await this.dataSource.query('SELECT count(*)::int AS n FROM contracts WHERE deal_id IS NULL');
    if (n > 0) return 'skipped';
    const data = JSON.parse(readFileSync(file, 'utf8')) as RegistrySeedFile;
    const identity = JSON.parse(readFileSync(join(dir, 'identity.json'), 'utf8')) as { organizations: { key: string; creditCode: string }[] };
    const orgs = await this.demoOrganizations(identity.organizations);
    const registrar = (await this.members.userIdsByEmail([REGISTRAR])).get(REGISTRAR) ?? null;
    await this.dataSource.transaction(async (m) => {
      for (const c of data.contracts) await this.insertSeed(m, c, orgs, registrar);
      if (data.history) await this.insertHistory(m, data.history, orgs.get(data.history.filer));
      await m.query(`SELECT registry_stats_apply(ARRAY(SELECT id FROM contracts WHERE registration_number IS NOT NULL), 1)`);
    });
    this.log.log(`Registry demo: ${data.contracts.length} contracts in every state + ${data.history?.count ?? 0} registered for the statistics`);
    return 'seeded';
  }

  /** The demo organisations by seed key (undefined when missing), resolved by credit code through identity's read API. */
  private async demoOrganizations(seeded: { key: string; creditCode: string }[]): Promise<Map<string, Org | undefined>> {
    const ids = await this.members.organizationIdsByCreditCode(seeded.map((o) => o.creditCode));
    const facts = await this.members.organizations([...ids.values()]);
    return new Map(
      seeded.map((o) => {
        const f = facts.get(ids.get(o.creditCode) ?? '');
        return [o.key, f && { id: f.id, name: f.name, credit_code: o.creditCode, region_code: f.regionCode, kind: f.kind }];
      }),
    );
  }

  private async nextNumber(m: EntityManager, region: string, year: number): Promise<string> {
    const [{ last_serial }] = await m.query(
      `INSERT INTO contract_number_counters AS k (region_code, year, last_serial) VALUES ($1, $2, 1)
       ON CONFLICT (region_code, year) DO UPDATE SET last_serial = k.last_serial + 1 RETURNING last_serial`,
      [region, year],
    );
    return registrationNumber(year, region, last_serial);
  }

  private async insertSeed(m: EntityManager, c: ContractSeed, orgs: Map<string, Org | undefined>, registrarId: string | null): Promise<void> {
    const filer = orgs.get(c.filer);
    if (!filer) throw new Error(`registry seed ${c.key}: unknown filer ${c.filer}`);
    const b = 'org' in c.buyer ? orgs.get(c.buyer.org) : undefined;
    const buyer =
      'org' in c.buyer
        ? { name: b?.name ?? '', creditCode: b?.credit_code ?? '', regionCode: b?.region_code ?? null, countryCode: '156', type: ORG_PARTY_TYPE[b?.kind ?? ''] ?? 'other' }
        : { name: c.buyer.name, creditCode: c.buyer.creditCode, regionCode: c.buyer.regionCode ?? null, countryCode: c.buyer.countryCode ?? '156', type: c.buyer.type };
    const nt = c.nonTechnical;
    const signed = dayOf(c.signedDaysAgo);
    const submitted = c.status === 'draft' ? null : dayOf(Math.max(0, c.signedDaysAgo - 1));
    const accepted = c.acceptedDaysAgo !== undefined ? dayOf(c.acceptedDaysAgo) : c.registeredDaysAgo !== undefined ? dayOf(c.registeredDaysAgo + 3) : null;
    const registered = c.registeredDaysAgo !== undefined ? dayOf(c.registeredDaysAgo) : null;
    const number = registered ? await this.nextNumber(m, filer.region_code, registered.getUTCFullYear()) : null;
    const [row] = await m.query(
      `INSERT INTO contracts (filer_org_id, kind, sub_kind, project_name, field_code, signed_on, valid_from, valid_to,
          seller_name, seller_credit_code, seller_region, seller_type, buyer_name, buyer_credit_code, buyer_country, buyer_region, buyer_type,
          contract_fen, equipment_fen, materials_fen, construction_fen, other_fen, tech_fen, expected_investment_fen, expected_output_fen,
          status, submitted_at, accepted_at, accepted_by, review_due_on, registered_at, registered_on, registered_by, registration_number,
          rejected_at, rejection_reasons, rejection_note, terminated_at, created_at)
       VALUES ($1,$2,$3,$4,$5,$6,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,$29,$30,$31,$28,$32,$33,$34,$35,$36,$37)
       RETURNING id`,
      [
        filer.id, c.kind, c.subKind ?? null, c.projectName, c.fieldCode ?? null, ymd(signed), ymd(new Date(signed.getTime() + 3 * 365 * DAY)),
        filer.name, filer.credit_code, filer.region_code, c.sellerType ?? ORG_PARTY_TYPE[filer.kind] ?? 'other',
        buyer.name, buyer.creditCode, buyer.countryCode, buyer.regionCode, buyer.type,
        c.contractAmount, nt.equipment ?? 0, nt.materials ?? 0, nt.construction ?? 0, nt.other ?? 0,
        techTransactionAmount(c.contractAmount, { equipmentFen: nt.equipment, materialsFen: nt.materials, constructionFen: nt.construction, otherFen: nt.other }),
        c.expectedInvestment ?? null, c.expectedOutput ?? null,
        c.status, submitted, accepted, accepted ? registrarId : null, accepted && c.status === 'accepted' ? reviewDueOn(accepted, 30) : null,
        registered, registered ? ymd(registered) : null, number,
        c.status === 'rejected' ? dayOf(Math.max(0, c.signedDaysAgo - 5)) : null, c.rejection?.reasons ?? null, c.rejection?.note ?? null,
        c.status === 'terminated' ? dayOf(10) : null, dayOf(c.signedDaysAgo),
      ],
    );
    if (number) await m.query(`UPDATE contracts SET verification_code = ${verificationCodeSql('registration_number::text', 'id')} WHERE id = $1`, [row.id]);
    const events: [string, Date | null][] = [['created', dayOf(c.signedDaysAgo)], ['submitted', submitted], ['accepted', accepted], ['registered', registered]];
    if (c.status === 'rejected') events.push(['rejected', dayOf(Math.max(0, c.signedDaysAgo - 5))]);
    if (c.status === 'terminated') events.push(['terminated', dayOf(10)]);
    for (const [action, at] of events) {
      if (!at) continue;
      const data = action === 'registered' ? { registrationNumber: number } : action === 'rejected' ? { reasons: c.rejection?.reasons, note: c.rejection?.note } : {};
      await m.query('INSERT INTO contract_events (contract_id, at, action, data) VALUES ($1, $2, $3, $4)', [row.id, at, action, data]);
    }
    await this.notify(m, { id: row.id, projectName: c.projectName }, c, filer, number);
  }

  /**
   * What the live transitions send (the outbox; the worker delivers): the registrars hear of contracts still in
   * their queue, the filer of the decisions. Submissions already decided are not announced again.
   */
  private async notify(m: EntityManager, ref: { id: string; projectName: string }, c: ContractSeed, filer: Org, number: string | null): Promise<void> {
    if (c.status === 'submitted' || c.status === 'accepted') await notifyRegistrars(this.outbox, this.members, m, filer.region_code, submittedMessage(ref));
    if (c.status === 'registered' && number) await notifyFiler(this.outbox, this.members, m, filer.id, registeredMessage(ref, number));
    if (c.status === 'rejected' && c.rejection) await notifyFiler(this.outbox, this.members, m, filer.id, rejectedMessage(ref, c.rejection.reasons, c.rejection.note));
  }

  /** Registered contracts across provinces over the last months, so the dashboard has a national picture. */
  private async insertHistory(m: EntityManager, h: NonNullable<RegistrySeedFile['history']>, filer: Org | undefined): Promise<void> {
    if (!filer) return;
    const rand = rng(h.seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const code = (prefix: string, i: number) => {
      const first = `${prefix}MA0H${String(i).padStart(5, '0')}`.slice(0, 17);
      return first + creditCodeCheckCharacter(first);
    };
    const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
    const fields = ['01.01', '01.02', '02.01', '02.02', '03.01', '03.02', '04.01', '05.01', '06.01', '07.01', '08.01', '09.01', '10.01'];
    const rows: unknown[][] = [];
    for (let i = 0; i < h.count; i++) {
      const [region, sellerName, buyerName] = pick(DEMO_HISTORY_REGIONS);
      let r = rand();
      const [kind, , median] = KIND_MIX.find(([, w]) => (r -= w) < 0) ?? KIND_MIX[0];
      const amount = Math.max(1_000_000, Math.round((median * Math.exp(0.8 * normal())) / 100) * 100);
      const nonTech = rand() < 0.3 ? Math.round(amount * rand() * 0.3) : 0;
      const registered = dayOf(Math.floor(rand() * h.months * 30.4) + 1);
      const signed = new Date(registered.getTime() - Math.floor(rand() * 40 + 5) * DAY);
      const sellerType: PartyType = pick(['university', 'university', 'institute', 'enterprise', 'enterprise', 'other'] as const);
      const subKind = kind === 'transfer' ? pick(['patent_right', 'patent_application_right', 'patent_licence', 'technical_secret']) : kind === 'development' ? pick(['commissioned', 'cooperative']) : null;
      const number = await this.nextNumber(m, region, registered.getUTCFullYear());
      rows.push([
        kind, subKind, `${sellerName}${pick(['新材料', '智能制造', '生物医药', '新能源', '数字农业', '环保'])}技术${{ development: '开发', transfer: '转让', licensing: '许可', consulting: '咨询', service: '服务', training: '培训', intermediary: '中介' }[kind]}合同 #${i + 1}`,
        pick(fields), ymd(signed), sellerName, code(`12${region}`, i), region, sellerType, buyerName, code(`91${region}`, i + 50000), region, 'enterprise',
        amount, nonTech, amount - nonTech, registered, ymd(registered), number,
      ]);
    }
    for (const r of rows) {
      await m.query(
        `INSERT INTO contracts (filer_org_id, source, kind, sub_kind, project_name, field_code, signed_on, seller_name, seller_credit_code, seller_region, seller_type,
            buyer_name, buyer_credit_code, buyer_region, buyer_type, contract_fen, equipment_fen, tech_fen, status, submitted_at, accepted_at, registered_at, registered_on, registration_number, verification_code)
         VALUES ($1, 'import', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 'registered', $18, $18, $18, $19, $20::text, ${verificationCodeSql('$20::text', 'gen_random_uuid()')})`,
        [filer.id, ...r],
      );
    }
  }
}
