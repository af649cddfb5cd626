import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { call, login } from '@ttx/api/core/testing';
import { creditCodeCheckCharacter } from '@ttx/shared/policy';
import { execFileSync } from 'node:child_process';
import { DataSource } from 'typeorm';

/** Test helpers shared by the registry specs (login and multipart come from @ttx/api/core/testing). */
export { login, multipart } from '@ttx/api/core/testing';
export const validCreditCode = (first17: string) => first17 + creditCodeCheckCharacter(first17);

let seq = 0;
/** A distinct valid buyer credit code per call. */
export const nextBuyerCode = () => validCreditCode(`91110105MA0T${String(++seq).padStart(5, '0')}`);

export const contractBody = (over: Record<string, unknown> = {}) => ({
  kind: 'transfer',
  subKind: 'patent_licence',
  projectName: '一种高倍率磷酸铁锂正极材料专利实施许可',
  fieldCode: '01.01',
  signedOn: '2026-03-02',
  validFrom: '2026-03-02',
  validTo: '2031-03-01',
  buyer: { name: '北京示范制造有限公司', creditCode: nextBuyerCode(), countryCode: '156', regionCode: '110105', type: 'enterprise' },
  contractAmount: 50_000_000,
  nonTechnical: { equipment: 5_000_000, materials: 2_000_000 },
  expectedInvestment: 200_000_000,
  expectedOutput: 800_000_000,
  ...over,
});

/** A new user who is `role` of a new verified organisation of `kind` in `regionCode`. */
export async function memberOfNewOrg(app: NestFastifyApplication, kind: string, role: string, regionCode: string, name: string): Promise<string> {
  const n = ++seq;
  const email = `reg-member${n}-${Date.now()}@example.cn`;
  const reg = await call(app, 'POST', '/api/auth/register', { body: { email, password: 'correct horse 1', displayName: name } });
  const ds = app.get(DataSource);
  const code = validCreditCode(`12340${String(n).padStart(3, '0')}MB0TX${String(Date.now() % 10000).padStart(4, '0')}`);
  const [org] = await ds.query(
    `INSERT INTO organizations (name, kind, credit_code, region_code, verified_at) VALUES ($1, $2, $3, $4, now()) RETURNING id`,
    [name, kind, code, regionCode],
  );
  await ds.query('INSERT INTO memberships (user_id, organization_id, role) VALUES ($1, $2, $3)', [reg.json.id, org.id, role]);
  return login(app, email, 'correct horse 1');
}

/**
 * Text of a PDF via pdf-parse, in a child node process: pdf.js loads its worker with a dynamic
 * import that jest's VM refuses.
 */
export function pdfText(pdf: Buffer): string {
  const script = `const { PDFParse } = require('pdf-parse');
    const chunks = []; process.stdin.on('data', (c) => chunks.push(c)).on('end', async () => {
      const r = await new PDFParse({ data: Buffer.concat(chunks) }).getText(); process.stdout.write(r.text); });`;
  return execFileSync(process.execPath, ['-e', script], { input: pdf, cwd: process.cwd(), encoding: 'utf8' });
}
