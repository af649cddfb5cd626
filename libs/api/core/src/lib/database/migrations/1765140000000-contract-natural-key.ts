import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The natural key of a technology contract gains its project name. Seller, buyer, signing date and amount alone
 * refused a second, different contract: a university selling two patents to one enterprise on the same day at the
 * same price (a market deal per patent) got a draft for the first deal only, and the seller could not file the
 * second by hand either. Re-importing a file, or filing the same contract twice, still hits the key (same name).
 * Down fails while two live contracts differ only in their project name.
 */
export class ContractNaturalKey1765140000000 implements MigrationInterface {
  name = 'ContractNaturalKey1765140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contracts_natural_key`);
    await q.query(`CREATE UNIQUE INDEX contracts_natural_key ON contracts (seller_credit_code, buyer_credit_code, signed_on, contract_fen, project_name) WHERE status <> 'rejected'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX contracts_natural_key`);
    await q.query(`CREATE UNIQUE INDEX contracts_natural_key ON contracts (seller_credit_code, buyer_credit_code, signed_on, contract_fen) WHERE status <> 'rejected'`);
  }
}
