import type { AuctionKind, LicenceScope, ListingMethod, MarketDealType, OpenLicenceFeeType } from '@ttx/shared/contracts';
import { pctToBp, yuanToFen } from '@ttx/shared/policy';
import type { ListingInput } from '@ttx/web/api-client';

/** What the TTO types on /market/mine/new; money as typed yuan text (parsed to integer fen, never floats). */
export interface ListingForm {
  achievementId: string | null;
  method: ListingMethod;
  dealType: MarketDealType | null;
  licenceScope: LicenceScope | null;
  price: string;
  periodDays: number | null;
  terms: string;
  justification: string;
  auctionKind: AuctionKind;
  startPrice: string;
  increment: string;
  reserve: string;
  deposit: string;
  /** `datetime-local` value, the browser's local time. */
  endsAt: string;
  softCloseMinutes: number | null;
  feeType: OpenLicenceFeeType;
  lumpSum: string;
  royaltyPct: number | null;
  termMonths: number | null;
}

export const emptyListingForm = (): ListingForm => ({
  achievementId: null, method: 'fixed_price', dealType: null, licenceScope: null, price: '', periodDays: 20, terms: '', justification: '',
  auctionKind: 'english', startPrice: '', increment: '', reserve: '', deposit: '', endsAt: '', softCloseMinutes: 5,
  feeType: 'lump_sum', lumpSum: '', royaltyPct: null, termMonths: 36,
});

const fen = (s: string) => (s.trim() ? yuanToFen(s) : null);
const endsAtIso = (local: string) => (local && !Number.isNaN(new Date(local).getTime()) ? new Date(local).toISOString() : null);

/** The fields still missing or malformed, as i18n keys under market.form (empty: the form can be sent). */
export function listingFormProblems(f: ListingForm): string[] {
  const p: string[] = [];
  const badMoney = (s: string) => !!s.trim() && fen(s) === null;
  if (!f.achievementId) p.push('achievement');
  if (f.method !== 'open_licence' && !f.dealType) p.push('dealType');
  if (f.method !== 'open_licence' && f.dealType === 'licence' && !f.licenceScope) p.push('licenceScope');
  if (badMoney(f.price) || (f.method === 'fixed_price' && !fen(f.price))) p.push('price');
  if (f.method === 'auction') {
    if (!fen(f.startPrice)) p.push('startPrice');
    if (!fen(f.increment)) p.push('increment');
    if (badMoney(f.reserve)) p.push('reserve');
    if (badMoney(f.deposit)) p.push('deposit');
    if (!endsAtIso(f.endsAt)) p.push('endsAt');
  }
  if (f.method === 'open_licence') {
    if (f.feeType !== 'royalty' && !fen(f.lumpSum)) p.push('lumpSum');
    if (f.feeType !== 'lump_sum' && (f.royaltyPct === null || pctToBp(f.royaltyPct) === null)) p.push('royalty');
    if (!f.termMonths) p.push('termMonths');
  }
  return p;
}

/** The API body: only the fields of the chosen method; amounts in fen. Call when listingFormProblems is empty. */
export function toListingInput(f: ListingForm): ListingInput {
  const opt = <T>(v: T | null | undefined) => v ?? undefined;
  const text = (s: string) => s.trim() || undefined;
  const body: ListingInput = {
    achievementId: f.achievementId as string,
    method: f.method,
    dealType: f.method === 'open_licence' ? 'licence' : (f.dealType as MarketDealType),
    licenceScope: f.method !== 'open_licence' && f.dealType === 'licence' ? opt(f.licenceScope) : undefined,
    price: f.method === 'auction' || f.method === 'open_licence' ? undefined : opt(fen(f.price)),
    periodDays: f.method === 'fixed_price' ? opt(f.periodDays) : undefined,
    terms: text(f.terms),
    belowValueJustification: text(f.justification),
  };
  if (f.method === 'auction') {
    body.auction = {
      kind: f.auctionKind,
      startPrice: fen(f.startPrice) as number,
      increment: fen(f.increment) as number,
      reservePrice: opt(fen(f.reserve)),
      deposit: opt(fen(f.deposit)),
      softCloseSeconds: f.softCloseMinutes === null ? undefined : f.softCloseMinutes * 60,
      endsAt: endsAtIso(f.endsAt) as string,
    };
  }
  if (f.method === 'open_licence') {
    body.openLicence = {
      feeType: f.feeType,
      lumpSumFen: f.feeType === 'royalty' ? undefined : opt(fen(f.lumpSum)),
      royaltyBp: f.feeType === 'lump_sum' || f.royaltyPct === null ? undefined : opt(pctToBp(f.royaltyPct)),
      termMonths: f.termMonths as number,
    };
  }
  return JSON.parse(JSON.stringify(body)) as ListingInput; // drops the undefined keys
}
