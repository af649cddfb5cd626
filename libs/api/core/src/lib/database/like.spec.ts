import { containsPattern, likeEscape } from './like';

describe('LIKE patterns', () => {
  it('takes %, _ and the escape character literally', () => {
    expect(likeEscape('50%_a\\b')).toBe('50\\%\\_a\\\\b');
    expect(containsPattern('电池_v2')).toBe('%电池\\_v2%');
    expect(containsPattern('')).toBe('%%');
  });
});
