import { Injectable, Logger } from '@nestjs/common';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ContractImportEntity } from '../entities';
import { verificationCodeSql } from '../contracts/contracts.service';
import { copyLine, missingColumns, stageDdl, validateRow, type RowError } from './import-columns';
import { readRecords } from './import-source';

/** Progress is written at most twice a second: often enough for the bar, rare enough to cost nothing. */
const PROGRESS_MS = 500;
const ERROR_BATCH = 500;
/**
 * Valid rows are COPYed into the staging table and moved into `contracts` with one set-based insert per
 * batch: the staging table stays small (in shared buffers), and the roll-ups of a batch read the pages
 * its insert just wrote.
 */
const INSERT_BATCH = 100_000;

type Query = (sql: string, p?: unknown[]) => Promise<unknown>;

/** Counts line breaks without holding the file: an estimate of the rows for the progress bar. */
async function countLines(path: string): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    let n = 0;
    let last = 10;
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null);
      if (!bytesRead) break;
      for (let i = 0; i < bytesRead; i++) if (buf[i] === 10) n++;
      last = buf[bytesRead - 1];
    }
    return Math.max(0, n - (last === 10 ? 1 : 0));
  } finally {
    await fh.close();
  }
}

/**
 * Runs one import: stream → validate row by row → COPY good rows into an UNLOGGED staging table → per
 * batch one INSERT … SELECT … ON CONFLICT DO NOTHING (natural key: re-importing creates nothing) and its
 * roll-ups → counters, all in one transaction. Bad rows go to contract_import_errors as they are found.
 * Idempotent per import id: a retried job starts over.
 */
@Injectable()
export class ImportRunner {
  private readonly log = new Logger('ImportRunner');
  constructor(private readonly dataSource: DataSource) {}

  async run(importId: string, progress: (p: { processed: number; total: number | null }) => Promise<void> | void = () => undefined): Promise<ContractImportEntity> {
    const imp = await this.dataSource.manager.findOneOrFail(ContractImportEntity, { where: { id: importId } });
    if (imp.status === 'done') return imp;
    await this.dataSource.query('DELETE FROM contract_import_errors WHERE import_id = $1', [importId]);
    const total = imp.format === 'csv' ? await countLines(imp.filePath) : null;
    await this.dataSource.query(`UPDATE contract_imports SET status = 'running', processed = 0, total = $2, error_count = 0, failure = NULL WHERE id = $1`, [importId, total]);

    const qr = this.dataSource.createQueryRunner();
    await qr.connect();
    let processed = 0;
    let errorCount = 0;
    let pending: RowError[] = [];
    const flush = async () => {
      if (!pending.length) return;
      const batch = pending;
      pending = [];
      await this.dataSource.query(
        `INSERT INTO contract_import_errors (import_id, row, field, message)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
        [importId, batch.map((e) => e.row), batch.map((e) => e.field), batch.map((e) => e.message)],
      );
    };
    try {
      await qr.startTransaction();
      // Unlogged (no WAL) and private to this import; created and dropped in the transaction.
      const stage = `import_stage_${importId.replace(/-/g, '')}`;
      await qr.query(stageDdl(stage));
      const query: Query = qr.manager.query.bind(qr.manager);
      await query('CREATE TEMP TABLE import_new (n serial PRIMARY KEY, id uuid, seller_region char(6), registration_number char(16)) ON COMMIT DROP');
      const client = (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
      const counts = { imported: 0, conflicts: 0, staged: 0 };
      let copyError: Error | undefined;
      const openCopy = () => client.query(copyFrom(`COPY ${stage} FROM STDIN`)).on('error', (e: Error) => (copyError = e));
      let copy = openCopy();
      let inBatch = 0;
      let chunk = '';
      const endCopy = () =>
        new Promise<void>((resolve, reject) => {
          if (copyError) return reject(copyError);
          if (chunk) copy.write(chunk);
          chunk = '';
          copy.once('finish', resolve).once('error', reject);
          copy.end();
        });
      const commitBatch = async () => {
        await endCopy();
        if (inBatch) await this.insertBatch(query, stage, importId, imp.adminOrgId, imp.createdBy, counts);
        inBatch = 0;
      };
      let headerProblem: string[] = [];
      let lastProgress = Date.now();
      for await (const rec of readRecords(imp.filePath, imp.format, (h) => (headerProblem = missingColumns(h)))) {
        if (headerProblem.length) break;
        processed++;
        const { errors, staged } = validateRow(processed, rec, imp.adminRegion);
        if (staged) {
          // Lines are written in ~64 kB chunks: one stream write per row costs more than the COPY itself.
          chunk += copyLine(staged);
          if (chunk.length > 65_536) {
            const ok = copy.write(chunk);
            chunk = '';
            if (!ok) await once(copy, 'drain');
          }
          if (++inBatch >= INSERT_BATCH) {
            await commitBatch();
            copy = openCopy();
          }
        } else {
          errorCount += new Set(errors.map((e) => e.row)).size;
          pending.push(...errors);
          if (pending.length >= ERROR_BATCH) await flush();
        }
        if ((processed & 1023) === 0 && Date.now() - lastProgress >= PROGRESS_MS) {
          lastProgress = Date.now();
          await flush();
          await this.dataSource.query('UPDATE contract_imports SET processed = $2, error_count = $3 WHERE id = $1', [importId, processed, errorCount]);
          await progress({ processed, total });
        }
      }
      await commitBatch();
      if (headerProblem.length) {
        pending.push(...headerProblem.map((field) => ({ row: 0, field, message: 'column is missing from the header row' })));
        await flush();
        throw new Error(`Missing columns: ${headerProblem.join(', ')}`);
      }
      await flush();
      await this.finish(query);
      await query(`DROP TABLE ${stage}`);
      await qr.commitTransaction();
      errorCount += counts.conflicts;
      await this.dataSource.query(
        `UPDATE contract_imports SET status = 'done', processed = $2, total = $2, imported = $3, duplicates = $4, error_count = $5, finished_at = now() WHERE id = $1`,
        [importId, processed, counts.imported, counts.staged - counts.imported - counts.conflicts, errorCount],
      );
      await progress({ processed, total: processed });
    } catch (e) {
      if (qr.isTransactionActive) await qr.rollbackTransaction();
      await flush().catch(() => undefined);
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`import ${importId} failed: ${message}`);
      await this.dataSource.query(`UPDATE contract_imports SET status = 'failed', processed = $2, error_count = $3, failure = $4, finished_at = now() WHERE id = $1`, [
        importId,
        processed,
        errorCount,
        message.slice(0, 500),
      ]);
    } finally {
      await qr.release();
    }
    return this.dataSource.manager.findOneOrFail(ContractImportEntity, { where: { id: importId } });
  }

  /** One batch, set-based: insert the new rows, report number conflicts row by row, add them to the roll-ups. */
  private async insertBatch(q: Query, stage: string, importId: string, adminOrgId: string, userId: string, counts: { imported: number; conflicts: number; staged: number }) {
    // Aggregating a batch into the roll-ups in memory instead of spilling to disk.
    await q(`SET LOCAL work_mem = '64MB'`);
    // Statistics of the fresh batch, so the conflict report probes the natural key instead of hashing all contracts.
    await q(`ANALYZE ${stage}`);
    const [{ last }] = (await q('SELECT COALESCE(max(n), 0)::int AS last FROM import_new')) as { last: number }[];
    await q(
      `WITH ins AS (
         INSERT INTO contracts (id, filer_org_id, created_by, source, import_id, kind, sub_kind, project_name, field_code, signed_on,
                                seller_name, seller_credit_code, seller_country, seller_region, seller_type,
                                buyer_name, buyer_credit_code, buyer_country, buyer_region, buyer_type,
                                contract_fen, equipment_fen, materials_fen, construction_fen, other_fen, tech_fen,
                                status, submitted_at, accepted_at, registered_at, registered_on, registered_by, registration_number, verification_code)
         SELECT x.id, $2, NULL, 'import', $1, x.kind, x.sub_kind, x.project_name, x.field_code, x.signed_on,
                x.seller_name, x.seller_credit_code, '156', x.seller_region, x.seller_type,
                x.buyer_name, x.buyer_credit_code, x.buyer_country, x.buyer_region, x.buyer_type,
                x.contract_fen, x.equipment_fen, x.materials_fen, x.construction_fen, x.other_fen, x.tech_fen,
                'registered', now(), now(), x.registered_on::timestamptz, x.registered_on, $3::uuid, x.registration_number,
                ${verificationCodeSql('x.registration_number::text', 'x.id')}
           FROM (SELECT gen_random_uuid() AS id, s.* FROM ${stage} s) x
         ON CONFLICT DO NOTHING
         RETURNING id, seller_region, registration_number)
       INSERT INTO import_new (id, seller_region, registration_number) SELECT * FROM ins`,
      [importId, adminOrgId, userId],
    );
    // Rows whose natural key is not there now lost on the registration number: say so, row by row.
    const [conflicts] = (await q(
      `WITH lost AS (
         INSERT INTO contract_import_errors (import_id, row, field, message)
         SELECT $1, s.row, 'registrationNumber', 'is already used by another contract'
           FROM ${stage} s
          WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.seller_credit_code = s.seller_credit_code AND c.buyer_credit_code = s.buyer_credit_code
                              AND c.signed_on = s.signed_on AND c.contract_fen = s.contract_fen AND c.status <> 'rejected')
         ON CONFLICT DO NOTHING RETURNING 1)
       SELECT (SELECT count(*)::int FROM lost) AS lost, (SELECT count(*)::int FROM ${stage}) AS staged, (SELECT count(*)::int FROM import_new WHERE n > $2) AS imported`,
      [importId, last],
    )) as { lost: number; staged: number; imported: number }[];
    counts.conflicts += conflicts.lost;
    counts.staged += conflicts.staged;
    counts.imported += conflicts.imported;
    await q('SELECT registry_stats_apply(ARRAY(SELECT id FROM import_new WHERE n > $1), 1)', [last]);
    await q(`TRUNCATE ${stage}`);
  }

  /** Later registrations continue after the highest imported serial of each region and year. */
  private async finish(q: Query) {
    await q(
      `INSERT INTO contract_number_counters AS k (region_code, year, last_serial)
       SELECT seller_region, substr(registration_number, 1, 4)::int, max(substr(registration_number, 11, 6)::int)
         FROM import_new GROUP BY 1, 2
       ON CONFLICT (region_code, year) DO UPDATE SET last_serial = GREATEST(k.last_serial, EXCLUDED.last_serial)`,
    );
  }
}
