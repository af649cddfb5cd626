import { bidRefusal, type RefusalFacts } from './bid-refusal';

const open: RefusalFacts = { status: 'open', kind: 'english', own: false, start: '100000', increment: '1000', high: '105000', started: true, running: true, bidder: 'approved' };

describe('bidRefusal', () => {
  it('names the reason in the order the rules apply', () => {
    expect(bidRefusal({ ...open, status: null }, 1)).toMatchObject({ status: 404, problem: { slug: 'not-found' } });
    expect(bidRefusal({ ...open, own: true, running: false }, 1)).toMatchObject({ status: 422, problem: { slug: 'bid-own-lot' } });
    expect(bidRefusal({ ...open, status: 'closed' }, 1)).toMatchObject({ status: 409, problem: { slug: 'auction-ended' } });
    expect(bidRefusal({ ...open, running: false }, 1)).toMatchObject({ status: 409, problem: { slug: 'auction-ended' } });
    expect(bidRefusal({ ...open, started: false }, 1)).toMatchObject({ status: 409, problem: { slug: 'auction-not-started' } });
    expect(bidRefusal({ ...open, bidder: null }, 1).problem.detail).toBe('You are not registered as a bidder of this auction; only approved bidders bid');
    expect(bidRefusal({ ...open, bidder: 'pending' }, 1)).toMatchObject({ status: 422, problem: { slug: 'bidder-not-approved', detail: 'Your bidder registration is pending; only approved bidders bid' } });
  });

  it('a too-low bid is told the next acceptable amount, as a field error on amount', () => {
    expect(bidRefusal(open, 105_500)).toEqual({
      status: 409,
      problem: {
        slug: 'bid-too-low',
        title: 'Conflict',
        detail: 'The bid must be at least the high bid + increment = 106000',
        errors: [{ field: 'amount', message: 'The bid must be at least the high bid + increment = 106000' }],
      },
    });
    expect(bidRefusal({ ...open, high: null }, 99_000).problem.detail).toBe('The bid must be at least the start price 100000');
    // Sealed bids hide the high bid: only the start price binds.
    expect(bidRefusal({ ...open, kind: 'sealed', high: 900_000 }, 99_000).problem.detail).toBe('The bid must be at least the start price 100000');
  });

  it('an amount acceptable on the facts means the high moved after they were read: one step more', () => {
    expect(bidRefusal({ ...open, high: 105_000, increment: 1_000 }, 106_000).problem.detail).toBe('The high bid moved; the bid must be at least the high bid + increment = 107000');
  });
});
