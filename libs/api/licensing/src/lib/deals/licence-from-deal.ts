import type { DealCreatedEvent, LicenceKind } from '@ttx/shared/contracts';
import { addDays, addMonths } from '@ttx/shared/policy';
import type { TermsInput } from '../licences/licence-writer';

export interface DealListingFacts {
  olFeeType: 'lump_sum' | 'royalty' | 'upfront_royalty' | null;
  olLumpSumFen: number | null;
  olRoyaltyBp: number | null;
  olTermMonths: number | null;
  olStartsOn: string | null;
}

/** Without an open-licence term, a negotiated licence runs five years (never past the IP expiry). */
export const DEFAULT_DEAL_TERM_MONTHS = 60;

/**
 * The licence a market deal becomes (DOMAIN.md §3): an open-licence take is an `open` (non-exclusive)
 * licence on the declared fee and term; a licence deal has the listing's scope and the deal price as a
 * lump sum. An SME licensee gets use-first-pay-later with the policy's months, ending early at first sales
 * when a royalty is reported (DOMAIN.md §3, seed 003). Null for deals that are not licences.
 */
export function licenceFromDeal(
  e: DealCreatedEvent,
  l: DealListingFacts,
  facts: { fieldCode: string | null; ipExpiry: string | null; licenseeIsSme: boolean },
): { kind: LicenceKind; startsOn: string; endsOn: string; terms: TermsInput; fieldsOfUse: string[] } | null {
  const open = e.method === 'open_licence';
  if (!open && e.dealType !== 'licence') return null;
  const dealDay = e.createdAt.slice(0, 10);
  const startsOn = open && l.olStartsOn && l.olStartsOn > dealDay ? l.olStartsOn : dealDay;
  let endsOn = addDays(addMonths(startsOn, open && l.olTermMonths ? l.olTermMonths : DEFAULT_DEAL_TERM_MONTHS), -1);
  if (facts.ipExpiry && endsOn > facts.ipExpiry) endsOn = facts.ipExpiry;
  const lump = open ? (l.olFeeType !== 'royalty' ? (l.olLumpSumFen ?? e.priceFen) : 0) : e.priceFen;
  const royalty = open && l.olFeeType !== 'lump_sum' && l.olRoyaltyBp ? { rateBp: l.olRoyaltyBp, period: 'quarterly' as const, minimumAnnual: 0 } : null;
  const terms: TermsInput = {
    lumpSum: lump > 0 ? { amount: lump, dueDays: 30 } : null,
    royalty,
    deferral: facts.licenseeIsSme ? { untilFirstSales: royalty !== null } : null,
  };
  if (!terms.lumpSum && !terms.royalty) return null;
  return { kind: open ? 'open' : (e.licenceScope ?? 'non_exclusive'), startsOn, endsOn, terms, fieldsOfUse: [facts.fieldCode ?? 'all'] };
}
