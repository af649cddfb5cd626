import type { AchievementKind, ContractKind, DealCreatedEvent, OrganizationKind, PartyType } from '@ttx/shared/contracts';

const PATENT_KINDS: readonly AchievementKind[] = ['invention_patent', 'utility_model', 'design_patent'];
const PARTY_TYPE: Partial<Record<OrganizationKind, PartyType>> = { enterprise: 'enterprise', institution: 'university' };

export interface DealFacts {
  achievement: { kind: AchievementKind; titleZh: string | null; titleEn: string | null };
  buyer: { name: string; creditCode: string; regionCode: string; kind: OrganizationKind };
}

/**
 * The draft technology contract a market deal becomes (DOMAIN.md §5): a transfer of the patent right or
 * technical secret, a technology-equity contribution as a transfer too, a licence as a licensing contract;
 * the deal price is the contract amount (the buyer's premium is the exchange's fee, not part of it).
 */
/**
 * Whether a deal can become a draft contract at all: a royalty-only open licence is recorded at price 0 and has no
 * contract amount at signing, while registration needs one > 0 (DOMAIN.md §5); its seller files once the amount is known.
 */
export const hasContractAmount = (event: Pick<DealCreatedEvent, 'priceFen'>): boolean => event.priceFen > 0;

export function contractFromDeal(event: DealCreatedEvent, facts: DealFacts) {
  const patent = PATENT_KINDS.includes(facts.achievement.kind);
  const kind: ContractKind = event.dealType === 'licence' ? 'licensing' : 'transfer';
  const title = (facts.achievement.titleZh ?? facts.achievement.titleEn ?? '').trim();
  return {
    kind,
    ...(kind === 'transfer' ? { subKind: patent ? 'patent_right' : 'technical_secret' } : {}),
    projectName: (title.length >= 2 ? title : `成交 ${event.dealId}`).slice(0, 200),
    signedOn: event.createdAt.slice(0, 10),
    buyer: {
      name: facts.buyer.name,
      creditCode: facts.buyer.creditCode,
      countryCode: '156',
      regionCode: facts.buyer.regionCode,
      type: PARTY_TYPE[facts.buyer.kind] ?? 'other',
    },
    contractAmount: event.priceFen,
  };
}
