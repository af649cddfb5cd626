import { Injectable, Logger } from '@nestjs/common';
import { once } from 'node:events';
import { open } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ContractImportEntity } from '../entities';
import { verificationCodeSql } from '../contracts/contracts.service';
import { copyLine, missingColumns, STAGE_DDL, validateRow, type RowError } from './import-columns';
import { readRecords } from './import-source';

/** Progress is written at most twice a second: often enough for the bar, rare enough to cost nothing. */
const PROGRESS_MS = 500;
const ERROR_BATCH = 500;
const STATS_CHUNK = 50_000;

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
 * Runs one import: stream → validate row by row → COPY good rows into a temporary staging table →
 * set-based INSERT … ON CONFLICT DO NOTHING (natural key: re-importing creates nothing) → roll-ups
 * and counters in the same transaction. Bad rows go to contract_import_errors as they are found.
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
      await qr.query(STAGE_DDL);
      const client = (qr as unknown as { databaseConnection: PoolClient }).databaseConnection;
      const copy = client.query(copyFrom('COPY import_stage FROM STDIN'));
      const copyDone = new Promise<void>((resolve, reject) => {
        copy.on('finish', resolve);
        copy.on('error', reject);
      });
      let headerProblem: string[] = [];
      let chunk = '';
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
      if (chunk) copy.write(chunk);
      copy.end();
      await copyDone;
      if (headerProblem.length) {
        pending.push(...headerProblem.map((field) => ({ row: 0, field, message: 'column is missing from the header row' })));
        await flush();
        throw new Error(`Missing columns: ${headerProblem.join(', ')}`);
      }
      await flush();
      const t0 = Date.now();
      const counts = await this.commitStage(qr.manager.query.bind(qr.manager), importId, imp.adminOrgId, imp.createdBy);
      this.log.debug(`import ${importId}: ${processed} rows read, set-based commit ${Date.now() - t0} ms`);
      await qr.commitTransaction();
      errorCount += counts.conflicts;
      await this.dataSource.query(
        `UPDATE contract_imports SET status = 'done', processed = $2, total = $2, imported = $3, duplicates = $4, error_count = $5, finished_at = now() WHERE id = $1`,
        [importId, processed, counts.imported, counts.duplicates, errorCount],
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

  /** Set-based: insert the new rows, report number conflicts, move counters and roll-ups. */
  private async commitStage(query: (sql: string, p?: unknown[]) => Promise<unknown>, importId: string, adminOrgId: string, userId: string) {
    // Each step's time goes to the debug log: the benchmark reads where a large import spends it.
    const steps: string[] = [];
    const q = async (sql: string, p?: unknown[]) => {
      const t = Date.now();
      const r = await query(sql, p);
      steps.push(`${sql.trim().split(/\s+/).slice(0, 3).join(' ')} ${Date.now() - t}ms`);
      return r;
    };
    // Aggregating a million rows into the roll-ups in memory instead of spilling to disk.
    await q(`SET LOCAL work_mem = '256MB'`);
    await q('CREATE TEMP TABLE import_new (n serial PRIMARY KEY, id uuid) ON COMMIT DROP');
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
           FROM (SELECT gen_random_uuid() AS id, s.* FROM import_stage s) x
         ON CONFLICT DO NOTHING
         RETURNING id)
       INSERT INTO import_new (id) SELECT id FROM ins`,
      [importId, adminOrgId, userId],
    );
    // Rows whose natural key is not there now lost on the registration number: say so, row by row.
    await q(
      `INSERT INTO contract_import_errors (import_id, row, field, message)
       SELECT $1, s.row, 'registrationNumber', 'is already used by another contract'
         FROM import_stage s
        WHERE NOT EXISTS (SELECT 1 FROM contracts c WHERE c.seller_credit_code = s.seller_credit_code AND c.buyer_credit_code = s.buyer_credit_code
                            AND c.signed_on = s.signed_on AND c.contract_fen = s.contract_fen AND c.status <> 'rejected')
       ON CONFLICT DO NOTHING`,
      [importId],
    );
    const [{ staged }] = (await q('SELECT count(*)::int AS staged FROM import_stage')) as { staged: number }[];
    const [{ conflicts }] = (await q('SELECT count(*)::int AS conflicts FROM contract_import_errors WHERE import_id = $1 AND row > 0 AND field = $2 AND message = $3', [
      importId,
      'registrationNumber',
      'is already used by another contract',
    ])) as { conflicts: number }[];
    const [{ imported }] = (await q('SELECT count(*)::int AS imported FROM import_new')) as { imported: number }[];
    // Later registrations continue after the highest imported serial of each region and year.
    await q(
      `INSERT INTO contract_number_counters AS k (region_code, year, last_serial)
       SELECT c.seller_region, substr(c.registration_number, 1, 4)::int, max(substr(c.registration_number, 11, 6)::int)
         FROM contracts c JOIN import_new n ON n.id = c.id GROUP BY 1, 2
       ON CONFLICT (region_code, year) DO UPDATE SET last_serial = GREATEST(k.last_serial, EXCLUDED.last_serial)`,
    );
    // In chunks: each call probes the primary key for its ids instead of scanning all contracts.
    for (let from = 0; from < imported; from += STATS_CHUNK) {
      await q('SELECT registry_stats_apply(ARRAY(SELECT id FROM import_new WHERE n > $1 AND n <= $2), 1)', [from, from + STATS_CHUNK]);
    }
    this.log.debug(`import ${importId} commit steps: ${steps.join('; ')}`);
    return { imported, conflicts, duplicates: staged - imported - conflicts };
  }
}
