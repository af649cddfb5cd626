import { ContractForm } from './contract-form';

describe('contract form → API body', () => {
  it('sends fen, leaves empty optional fields out and records investment figures for transfers only', () => {
    const base = {
      kind: 'transfer' as const, subKind: 'patent_licence', projectName: ' 专利实施许可 ', fieldCode: '', signedOn: '2026-03-02', validFrom: '', validTo: '2031-03-01',
      sellerType: null, buyerName: '北京示范制造有限公司', buyerCreditCode: '91340100MA2TTX01BX', buyerCountry: '156', buyerRegion: '340104', buyerType: 'enterprise' as const,
      contract: 500_000.5, equipment: 50_000, materials: null, construction: null, other: null, investment: 2_000_000, output: null,
    };
    const body = ContractForm.toInput(base);
    expect(body).toMatchObject({ kind: 'transfer', subKind: 'patent_licence', projectName: '专利实施许可', contractAmount: 50_000_050, expectedInvestment: 200_000_000 });
    expect(body.nonTechnical).toEqual({ equipment: 5_000_000, materials: 0, construction: 0, other: 0 });
    expect('fieldCode' in body && body.fieldCode !== undefined).toBe(false);
    expect(body.validFrom).toBeUndefined();
    expect(body.expectedOutput).toBeUndefined();
    expect(ContractForm.toInput({ ...base, kind: 'consulting', subKind: null }).expectedInvestment).toBeUndefined();
  });
});
