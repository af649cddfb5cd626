import type { DealCreatedEvent } from '@ttx/shared/contracts';
import { contractFromDeal, hasContractAmount, type DealFacts } from './contract-from-deal';

const event = (over: Partial<DealCreatedEvent> = {}): DealCreatedEvent => ({
  type: 'deal.created',
  dealId: 'd1',
  listingId: 'l1',
  achievementId: 'a1',
  method: 'auction',
  dealType: 'transfer',
  licenceScope: null,
  priceFen: 1_050_000,
  buyerPremiumFen: 52_500,
  sellerOrganizationId: 's1',
  buyerOrganizationId: 'b1',
  createdAt: '2026-11-22T05:00:00.000Z',
  ...over,
});
const facts = (kind: DealFacts['achievement']['kind'] = 'invention_patent'): DealFacts => ({
  achievement: { kind, titleZh: '一种固态电池电解质', titleEn: 'Solid electrolyte' },
  buyer: { name: '合肥储能科技有限公司', creditCode: '91340100MA2N0000XX', regionCode: '340100', kind: 'enterprise' },
});

describe('contractFromDeal (DOMAIN.md §5)', () => {
  it('makes a patent transfer of the deal price, signed on the deal day, with the buyer as party', () => {
    expect(contractFromDeal(event(), facts())).toEqual({
      kind: 'transfer',
      subKind: 'patent_right',
      projectName: '一种固态电池电解质',
      signedOn: '2026-11-22',
      buyer: { name: '合肥储能科技有限公司', creditCode: '91340100MA2N0000XX', countryCode: '156', regionCode: '340100', type: 'enterprise' },
      contractAmount: 1_050_000, // the buyer's premium is the exchange's fee, not contract money
    });
  });

  it('makes a licence a licensing contract and a technical secret a technical-secret transfer', () => {
    expect(contractFromDeal(event({ dealType: 'licence' }), facts())).toMatchObject({ kind: 'licensing' });
    expect(contractFromDeal(event({ dealType: 'licence' }), facts())).not.toHaveProperty('subKind');
    expect(contractFromDeal(event({ dealType: 'equity' }), facts('technical_secret'))).toMatchObject({ kind: 'transfer', subKind: 'technical_secret' });
  });

  it('drafts nothing for a deal without a contract amount (a royalty-only open licence, price 0)', () => {
    expect(hasContractAmount(event())).toBe(true);
    expect(hasContractAmount(event({ method: 'open_licence', dealType: 'licence', priceFen: 0, buyerPremiumFen: 0 }))).toBe(false);
  });
});
