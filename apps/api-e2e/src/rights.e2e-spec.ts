import { api, eventually, expectProblem, login } from './support/http';

const CHECKLIST = {
  items: ['job_related_confirmed', 'negative_list_checked', 'team_consent_verified', 'contribution_shares_verified', 'conflicts_declared'].map((key) => ({ key, passed: true })),
  reviewers: [{ name: '王敏', vote: 'approve' }],
};

describe('rights over HTTP (api + worker)', () => {
  it('the demo data shows an open public notice with an objection, publicly', async () => {
    const res = await api('GET', '/api/disclosures?kind=empowerment&status=open');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(1);
    expect(res.body.items[0]).toEqual(expect.objectContaining({ status: 'open', objections: expect.objectContaining({ total: 1 }) }));
  });

  it('the worker ends the notice and makes the decision final; applicant and TTO are notified through the outbox', async () => {
    const researcher = (await login('researcher@demo.ttx')).accessToken;
    const tto = (await login('tto@demo.ttx')).accessToken;
    const created = await api('POST', '/api/achievements', {
      token: researcher,
      body: {
        kind: 'utility_model',
        title: { zh: '一种光伏组件清洗装置', en: 'PV module cleaning device' },
        abstract: { zh: '一种节水的光伏组件清洗装置。', en: 'A water-saving PV module cleaner.' },
        fieldCode: '05.01',
        stage: 'pilot',
        trl: 6,
        dealTypes: ['transfer'],
        jobRelated: true,
        inventors: [{ name: '李伟', sharePct: 100, email: 'researcher@demo.ttx' }],
      },
    });
    expect(created.status).toBe(201);
    const achievementId = created.body.id as string;

    expectProblem(await api('POST', `/api/achievements/${achievementId}/empowerments`, { token: researcher, body: { model: 'ownership_first', teamOwnershipPct: 50 } }), 422);
    const applied = await api('POST', `/api/achievements/${achievementId}/empowerments`, { token: researcher, body: { model: 'ownership_first', teamOwnershipPct: 90 } });
    expect(applied.body.status).toBe('under_review');
    const id = applied.body.id as string;

    const reviewed = await api('POST', `/api/empowerments/${id}/decisions`, { token: tto, body: { decision: 'approve', reasons: '同意赋权', checklist: CHECKLIST } });
    expect(reviewed.body.status).toBe('in_notice');
    expectProblem(await api('POST', `/api/empowerments/${id}/decisions`, { token: tto, body: { decision: 'approve', reasons: '提前' } }), 409);

    // 15 notice days × 200 ms: the worker's delayed job decides it.
    const final = await eventually(async () => {
      const res = await api('GET', `/api/empowerments/${id}`, { token: researcher });
      return res.body.status === 'final' ? res.body : undefined;
    }, 20_000);
    expect(final.decisions.map((d: { stage: string; decidedByName: string | null }) => [d.stage, d.decidedByName === null])).toEqual([
      ['review', false],
      ['final', true],
    ]);
    const ownership = await api('GET', `/api/achievements/${achievementId}/ownership`, { token: researcher });
    expect(ownership.body.shares.map((s: { sharePct: number }) => s.sharePct)).toEqual([10, 90]);

    const kinds = async (token: string) =>
      ((await api('GET', '/api/notifications?pageSize=50', { token })).body.items as { kind: string }[]).map((n) => n.kind);
    await eventually(async () => ((await kinds(researcher)).includes('empowerment-final') ? true : undefined), 15_000);
    await eventually(async () => ((await kinds(tto)).includes('empowerment-review-requested') ? true : undefined), 15_000);
  });
});
