import { journey, PHONE } from './support/browser';
import { detailPages, mainPages, type Round } from './support/pages';
import { phoneCheck, phoneRounds, type LayoutProblem } from './support/phone';
import { sweepRounds } from './support/sweep';

/*
 * Every page the accessibility sweeps visit (support/pages.ts), as the same visitor or demo user, none left out,
 * each checked in Chinese and then in English (switched in place with the header's switch), on a 390 × 844 touch
 * screen: nothing makes the page scroll sideways, the header keeps home, the main navigation (a visitor's: the
 * catalog link; a user's: the button that opens the side nav, opened on every page), the language switch and
 * sign-in/out on screen, and no control lies beyond the screen's edge unless its own box scrolls (support/phone.ts).
 * One browser, one sign-in per user, pages in sequence: about two minutes on a 2-core machine.
 */

/** The demo users no other sweep signs in as: a second broker, and an applicant whose organisation awaits verification. */
const OTHER_USERS: Round[] = [
  { who: 'broker', email: 'broker2@demo.ttx', lang: 'zh-CN', visits: ['/dashboard'] },
  { who: 'applicant', email: 'applicant@demo.ttx', lang: 'zh-CN', visits: ['/dashboard'] },
];

const describeProblems = (problems: LayoutProblem[]) => problems.map((p) => `  [${p.rule}] ${p.page}: ${p.detail}`).join('\n');

describe('phone layout (390 × 844, touch)', () => {
  journey(
    'every page the sweeps visit fits a phone screen, with navigation, language and sign-in/out at hand, in Chinese and English',
    async ({ page, baseUrl }) => {
      const rounds = phoneRounds([...(await mainPages(baseUrl)), ...(await detailPages(baseUrl)), ...OTHER_USERS]);
      const problems: LayoutProblem[] = [];
      try {
        await sweepRounds(page, rounds, phoneCheck(problems), { bothLanguages: true, geometry: true });
      } finally {
        // Also when a step fails (an opener off screen cannot be clicked): what was found until then.
        if (problems.length) console.log(`${problems.length} phone layout problems:\n${describeProblems(problems)}`);
      }
      expect(describeProblems(problems)).toBe('');
    },
    240_000,
    PHONE,
  );
});
