import { describeError, Problems } from './problem';

describe('describeError', () => {
  it('names the rule, the detail and the fields of a problem', () => {
    const e = Problems.rule('credit-code', 'The buyer has no valid GB 32100 code', [{ field: 'buyerCreditCode', message: 'invalid' }]);
    expect(describeError(e)).toBe('credit-code: The buyer has no valid GB 32100 code [buyerCreditCode: invalid]');
    expect(describeError(Problems.conflict('licence-overlap', 'An exclusive licence covers this'))).toBe('licence-overlap: An exclusive licence covers this');
  });

  it('falls back to the message of any other error', () => {
    expect(describeError(new Error('duplicate key value violates unique constraint "contracts_natural_key"'))).toBe(
      'duplicate key value violates unique constraint "contracts_natural_key"',
    );
    expect(describeError('plain')).toBe('plain');
  });
});
