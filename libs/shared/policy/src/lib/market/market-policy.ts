/**
 * Market policy settings with their defaults (DOMAIN.md §3). An institution or region may override
 * them; the market reads them through `marketPolicy()`.
 */
export interface MarketPolicy {
  /** 挂牌 period of a fixed-price listing. */
  listingPeriodDays: number;
  /** A bid in the last window pushes the end to `bid time + window`. */
  softCloseSeconds: number;
  /** How long a deal result stays publicly disclosed (成交公示). */
  disclosureDays: number;
  /** Buyer's premium in basis points of the hammer price (Ocean Tomo practice: 10 % = 1000). */
  buyerPremiumBp: number;
}

export const MARKET_POLICY_DEFAULTS: MarketPolicy = {
  listingPeriodDays: 20,
  softCloseSeconds: 300,
  disclosureDays: 15,
  buyerPremiumBp: 0,
};

export function marketPolicy(overrides: Partial<MarketPolicy> = {}): MarketPolicy {
  return { ...MARKET_POLICY_DEFAULTS, ...overrides };
}

/** What the end of a fixed-price listing period turns into, by the number of intending buyers. */
export function fixedPriceOutcome(intents: number): 'deal' | 'auction' | 'unsold' {
  if (intents <= 0) return 'unsold';
  return intents === 1 ? 'deal' : 'auction';
}

/** The lowest acceptable next bid of an English auction. */
export function minNextBid(startFen: number, highFen: number | null, incrementFen: number): number {
  return highFen === null ? startFen : highFen + incrementFen;
}

/** The end after a bid at `bidAt`: extended to bid + window when the bid lands inside the window. */
export function softCloseEnd(endsAt: Date, bidAt: Date, windowSeconds: number): Date {
  const pushed = bidAt.getTime() + windowSeconds * 1000;
  return new Date(Math.max(endsAt.getTime(), pushed));
}

/** Integer fen, rounded half up (never floats on money). */
export function buyerPremiumFen(hammerFen: number, premiumBp: number): number {
  return Math.floor((hammerFen * premiumBp + 5000) / 10_000);
}

/**
 * A government-funded achievement listed below its evaluated value needs a recorded justification
 * (state-asset practice behind 资产评估 in DOMAIN.md §3).
 */
export function needsBelowValueJustification(priceFen: number | null, evaluatedFen: number | null, governmentFunded: boolean): boolean {
  return governmentFunded && priceFen !== null && evaluatedFen !== null && priceFen < evaluatedFen;
}

/** Highest amount wins; the earliest bid wins a tie (sealed-bid variant). */
export function sealedBidWinner<T extends { amount: number; at: Date }>(bids: readonly T[]): T | null {
  let best: T | null = null;
  for (const b of bids) {
    if (!best || b.amount > best.amount || (b.amount === best.amount && b.at.getTime() < best.at.getTime())) best = b;
  }
  return best;
}
