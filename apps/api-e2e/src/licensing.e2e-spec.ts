import { api, eventually, expectProblem, login } from './support/http';

/** Licensing over HTTP against the built api + worker with the demo seeds (issue #6). */
describe('licensing over HTTP (api + worker)', () => {
  it('the demo data shows the licensee its licences, the TTO its receivables and the researcher its income', async () => {
    const sme = (await login('sme@demo.ttx')).accessToken;
    const licences = await api('GET', '/api/licences?pageSize=50', { token: sme });
    expect(licences.status).toBe(200);
    expect(licences.body.items.length).toBeGreaterThanOrEqual(3);
    const tto = (await login('tto@demo.ttx')).accessToken;
    const receivables = await api('GET', '/api/licensing/receivables', { token: tto });
    expect(receivables.body.overdue).toBeGreaterThan(0);
    const researcher = (await login('researcher@demo.ttx')).accessToken;
    const income = await api('GET', '/api/licensing/income', { token: researcher });
    expect(income.body.total).toBeGreaterThan(0);
    const xlsx = await api('GET', '/api/licensing/income/export?format=xlsx', { token: researcher });
    expect(xlsx.status).toBe(200);
    expect(xlsx.contentType).toContain('spreadsheetml');
  });

  it('an offline licence: the worker invoices it once and notifies the licensee; an idempotent payment is split in the ledger', async () => {
    const tto = (await login('tto@demo.ttx')).accessToken;
    const sme = (await login('sme@demo.ttx')).accessToken;
    // A demo achievement the TTO already licenses to the SME: a further non-exclusive licence for another field.
    const seeded = (await api('GET', '/api/licences?pageSize=50', { token: tto })).body.items.find((l: { licenseeName: string; status: string }) => l.status === 'active' && l.licenseeName.includes('合肥智能装备'));
    expect(seeded).toBeDefined();

    const created = await api('POST', '/api/licences', {
      token: tto,
      body: {
        achievementId: seeded.achievementId,
        licenseeOrgId: seeded.licenseeOrgId,
        kind: 'non_exclusive',
        territory: ['110000'],
        fieldsOfUse: ['e2e'],
        startsOn: '2025-06-01',
        endsOn: '2027-05-31',
        terms: { lumpSum: { amount: 1_000_000, dueDays: 30 } },
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expectProblem(await api('POST', '/api/licences', { token: tto, body: { ...created.body, territory: ['CN'] } }), 400);
    expect((await api('POST', `/api/licences/${id}/activate`, { token: tto })).body.status).toBe('active');

    // Activation schedules the invoice job; the worker issues it.
    const invoice = await eventually(async () => (await api('GET', `/api/licences/${id}/invoices`, { token: sme })).body.items?.[0], 20_000);
    expect(invoice).toMatchObject({ kind: 'lump_sum', amount: 1_000_000, status: 'open', overdue: true });
    await eventually(async () => {
      const res = await api('GET', '/api/notifications', { token: sme });
      const items = (res.body.items ?? res.body) as { kind: string; link: string | null }[];
      return items.filter((n) => n.kind === 'licence-invoice' && n.link?.includes(invoice.id)).length === 1 ? true : undefined;
    }, 20_000);

    expectProblem(await api('POST', '/api/payments', { token: sme, body: { invoiceId: invoice.id, amount: 100 } }), 400);
    expectProblem(await api('POST', '/api/payments', { token: sme, body: { invoiceId: invoice.id, amount: 1_000_001 }, headers: { 'Idempotency-Key': 'e2e-over' } }), 422);
    const paid = await api('POST', '/api/payments', { token: sme, body: { invoiceId: invoice.id, amount: 1_000_000 }, headers: { 'Idempotency-Key': 'e2e-pay-1' } });
    expect(paid.status).toBe(201);
    const replay = await api('POST', '/api/payments', { token: sme, body: { invoiceId: invoice.id, amount: 1_000_000 }, headers: { 'Idempotency-Key': 'e2e-pay-1' } });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.id).toBe(paid.body.id);

    const ledger = await api('GET', `/api/distributions?licenceId=${id}`, { token: tto });
    expect(ledger.body.items.reduce((a: number, e: { amount: number }) => a + e.amount, 0)).toBe(1_000_000);
    expect(ledger.body.items.every((e: { paymentAmount: number }) => e.paymentAmount === 1_000_000)).toBe(true);
    expect((await api('GET', `/api/licences/${id}/invoices`, { token: sme })).body.items[0].status).toBe('paid');
  });
});
