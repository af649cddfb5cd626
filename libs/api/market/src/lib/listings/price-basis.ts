import { Problems } from '@ttx/api/core';
import { needsBelowValueJustification } from '@ttx/shared/policy';
import type { ListingEntity } from '../entities';

const num = (s: string | null) => (s === null ? null : Number(s));

/** True when a deal at `priceFen` on this listing would break the below-evaluated-value rule. */
export function blocksBelowValue(l: ListingEntity, priceFen: number): boolean {
  return !l.belowValueJustification && needsBelowValueJustification(priceFen, num(l.evaluatedValueFen), l.governmentFunded);
}

/** 422 when a deal at this price needs a justification that is not recorded. */
export function assertPriceBasis(l: ListingEntity, priceFen: number): void {
  if (blocksBelowValue(l, priceFen)) {
    throw Problems.rule(
      'below-value-justification-required',
      `This government-funded achievement is evaluated at ${l.evaluatedValueFen} fen; a deal at ${priceFen} needs a recorded justification (POST /api/listings/${l.id}/justification)`,
      [{ field: 'price', message: 'below the evaluated value' }],
    );
  }
}

/**
 * The reserve an auction really has: without a justification, a government-funded lot may not sell below
 * its evaluated value, so the evaluation acts as a (hidden) reserve; a lot that misses it is unsold.
 */
export function effectiveReserve(l: ListingEntity, reserveFen: number | null): number | null {
  const value = num(l.evaluatedValueFen);
  if (!l.governmentFunded || l.belowValueJustification || value === null) return reserveFen;
  return Math.max(reserveFen ?? 0, value);
}
