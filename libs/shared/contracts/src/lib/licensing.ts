/**
 * Licensing (DOMAIN.md §3–4, API.md "Licensing"): licences to SMEs, their payment terms, royalty reports,
 * invoices, payments and the distribution of each payment. Money is integer fen everywhere.
 * The API's DTO classes implement these shapes; the web reads them through the generated client.
 */
import type { LocalizedText } from './catalog';

/** `open` licences come from a patent open-licence declaration and are always non-exclusive. */
export const LICENCE_KINDS = ['exclusive', 'sole', 'non_exclusive', 'open'] as const;
export type LicenceKind = (typeof LICENCE_KINDS)[number];

/** draft (offline deal being prepared by the TTO) → active → expired | terminated. */
export const LICENCE_STATUSES = ['draft', 'active', 'expired', 'terminated'] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const ROYALTY_PERIODS = ['monthly', 'quarterly', 'yearly'] as const;
export type RoyaltyPeriod = (typeof ROYALTY_PERIODS)[number];

/** Combinable payment terms; at least one part is present. */
export interface PaymentTerms {
  /** Lump sum in fen, due `dueDays` after the licence starts (or after the deferral). */
  lumpSum?: { amount: number; dueDays: number } | null;
  /** Named events; each is invoiced when the licensor confirms it. */
  milestones?: { name: string; amount: number }[];
  /** Running royalty: basis points of reported net sales per period, with a minimum per licence year. */
  royalty?: { rateBp: number; period: RoyaltyPeriod; minimumAnnual: number } | null;
  /** Equity recorded, never invoiced. */
  equity?: { shares: number | null; percentBp: number | null; note: string | null } | null;
  /**
   * 先使用后付费 (use first, pay later): nothing is due before the deferral ends — `months` after the
   * start (policy default 12) and/or the licensee's first reported sales, whichever comes first of those set.
   */
  deferral?: { months: number | null; untilFirstSales: boolean } | null;
}

export interface LicensorShare {
  holderType: 'institution' | 'inventor' | 'organization';
  holderId: string | null;
  name: string;
  shareBp: number;
}

export interface LicenceMilestone {
  id: string;
  name: string;
  amount: number;
  status: 'pending' | 'confirmed';
  confirmedAt: string | null;
}

export interface RoyaltyReport {
  id: string;
  /** `2026-09`, `2026-Q3` or `2026`, per the royalty period. */
  period: string;
  periodStart: string;
  periodEnd: string;
  netSales: number;
  royalty: number;
  submittedAt: string;
  /** Submitted after the report deadline of its period. */
  late: boolean;
}

export const INVOICE_KINDS = ['lump_sum', 'milestone', 'royalty', 'minimum_royalty'] as const;
export type InvoiceKind = (typeof INVOICE_KINDS)[number];

export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export interface Invoice {
  id: string;
  number: string;
  licenceId: string;
  kind: InvoiceKind;
  /** What the invoice is for: `lump-sum`, `milestone:<id>`, `royalty:2026-Q3`, `minimum:2026`. Unique per licence. */
  periodKey: string;
  amount: number;
  paid: number;
  outstanding: number;
  status: InvoiceStatus;
  issuedAt: string;
  dueOn: string;
  overdue: boolean;
}

export interface Payment {
  id: string;
  invoiceId: string;
  licenceId: string;
  amount: number;
  /** Deal costs charged to this payment (evaluation, legal, fees, taxes), before the split. */
  costs: number;
  paidAt: string;
  reference: string | null;
}

export const DISTRIBUTION_RECIPIENTS = ['deal_costs', 'broker', 'co_owner', 'inventor', 'tto', 'institution'] as const;
export type DistributionRecipientType = (typeof DISTRIBUTION_RECIPIENTS)[number];

/** One line of a payment's split; the lines of one payment sum exactly to it. */
export interface DistributionEntry {
  paymentId: string;
  paymentAmount: number;
  licenceId: string;
  recipientType: DistributionRecipientType;
  recipientId: string | null;
  recipientName: string;
  /** The share of the payment in basis points that the policy gives this line (before rounding). */
  share: number;
  amount: number;
  paidAt: string;
}

export interface LicenceSummary {
  id: string;
  number: string;
  achievementId: string;
  title: LocalizedText;
  kind: LicenceKind;
  status: LicenceStatus;
  licensorOrgId: string;
  licensorName: string;
  licenseeOrgId: string;
  licenseeName: string;
  /** GB/T 2260 region codes; `000000` is all of China. */
  territory: string[];
  /** Field-of-use codes of the catalog's taxonomy (or free labels). */
  fieldsOfUse: string[];
  startsOn: string;
  endsOn: string;
  sublicensing: boolean;
  dealId: string | null;
  terms: PaymentTerms;
  /** When the deferral ends (null without deferral, or while it waits for first sales). */
  deferredUntil: string | null;
  outstanding: number;
  overdue: number;
  role: 'licensor' | 'licensee' | 'admin';
  createdAt: string;
}

export interface LicenceDetail extends LicenceSummary {
  licensors: LicensorShare[];
  milestones: LicenceMilestone[];
  royaltyReports: RoyaltyReport[];
  /** Periods whose report is due and missing (late). */
  missingReports: string[];
  policy: { policyId: string | null; teamNetIncomeSharePct: number; ttoRetentionPct: number; model: 'ownership_first' | 'reward_after' | 'default' };
}

/** The TTO finance view of one institution. */
export interface Receivables {
  organizationId: string;
  outstanding: number;
  overdue: number;
  received: number;
  invoices: (Invoice & { licenceNumber: string; licenseeName: string })[];
}

/** A person's or an organisation's income lines, with totals. */
export interface IncomeStatement {
  recipientType: 'user' | 'organization';
  recipientId: string;
  total: number;
  items: (DistributionEntry & { licenceNumber: string; title: LocalizedText })[];
}
