import { Inject, Injectable } from '@nestjs/common';
import * as ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
import { mkdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { APP_CONFIG, JOBS, MULTIPART_LIMITS, ProblemException, Problems, QUEUES, QueueService, type AppConfig, type AuthUser } from '@ttx/api/core';
import type { ImportStatusDto } from '../dto/import.dto';
import { ContractImportEntity } from '../entities';
import { ActorService } from '../contracts/actor';
import { IMPORT_COLUMNS } from './import-columns';

/** API side of bulk imports: keeps the upload on disk, records the import, queues the worker job. */
@Injectable()
export class ImportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly actors: ActorService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async start(
    user: AuthUser,
    upload: { fieldname: string; filename: string; file: Readable & { truncated?: boolean } } | undefined,
  ): Promise<{ importId: string }> {
    const a = await this.actors.of(user);
    const admin = a.administrations[0];
    if (!admin) throw Problems.forbidden('Only a registrar of a verified administration imports contracts');
    // The part must be the documented `file`: another name is a client bug, not an upload to guess at.
    if (upload && upload.fieldname !== 'file') upload.file.resume();
    const file = upload?.fieldname === 'file' ? upload : undefined;
    if (!file) throw Problems.badRequest('Send the file as multipart/form-data field "file"', [{ field: 'file', message: 'required' }]);
    const format = /\.csv$/i.test(file.filename) ? 'csv' : /\.xlsx$/i.test(file.filename) ? 'xlsx' : null;
    if (!format) {
      file.file.resume();
      throw Problems.rule('import-format', 'Only .csv and .xlsx files are imported', [{ field: 'file', message: 'must be .csv or .xlsx' }]);
    }
    await mkdir(this.config.IMPORT_DIR, { recursive: true });
    const imp = this.dataSource.manager.create(ContractImportEntity, {
      createdBy: user.id,
      adminOrgId: admin.id,
      adminRegion: admin.regionCode,
      fileName: file.filename.slice(-200),
      format,
      filePath: '',
    });
    imp.id = (await this.dataSource.query('SELECT gen_random_uuid() AS id'))[0].id;
    imp.filePath = join(this.config.IMPORT_DIR, `${imp.id}.${format}`);
    await pipeline(file.file, createWriteStream(imp.filePath));
    if (file.file.truncated) {
      await unlink(imp.filePath).catch(() => undefined);
      throw new ProblemException(413, 'payload-too-large', 'Payload too large', `The file exceeds ${MULTIPART_LIMITS.fileSize} bytes`);
    }
    // An empty file would only fail later in the worker; the caller hears it now.
    if ((await stat(imp.filePath)).size === 0) {
      await unlink(imp.filePath).catch(() => undefined);
      throw Problems.badRequest('The file is empty', [{ field: 'file', message: 'is empty' }]);
    }
    await this.dataSource.manager.insert(ContractImportEntity, imp);
    await this.queues.queue(QUEUES.registry).add(JOBS.contractImport, { importId: imp.id }, { jobId: imp.id, attempts: 2, removeOnComplete: 1000, removeOnFail: 1000 });
    return { importId: imp.id };
  }

  async status(user: AuthUser, id: string): Promise<ImportStatusDto> {
    const imp = await this.dataSource.manager.findOne(ContractImportEntity, { where: { id } });
    const a = await this.actors.of(user);
    if (!imp || !(imp.createdBy === user.id || a.administrations.some((o) => o.id === imp.adminOrgId))) throw Problems.notFound('Import');
    const errors: { row: number; field: string; message: string }[] = await this.dataSource.query(
      'SELECT row, field, message FROM contract_import_errors WHERE import_id = $1 ORDER BY row, field LIMIT 1000',
      [id],
    );
    // While it runs, the worker's BullMQ job progress is fresher than the last row it wrote.
    let processed = imp.processed;
    if (imp.status === 'queued' || imp.status === 'running') {
      const job = await this.queues.queue(QUEUES.registry).getJob(imp.id).catch(() => undefined);
      const p = job?.progress as { processed?: number } | undefined;
      if (typeof p?.processed === 'number') processed = Math.max(processed, p.processed);
    }
    return {
      id: imp.id,
      status: imp.status,
      fileName: imp.fileName,
      processed,
      total: imp.total,
      imported: imp.imported,
      duplicates: imp.duplicates,
      errorCount: imp.errorCount,
      errors,
      failure: imp.failure,
    };
  }

  async template(format: 'csv' | 'xlsx'): Promise<Buffer> {
    const names = IMPORT_COLUMNS.map((c) => c.name);
    const example = IMPORT_COLUMNS.map((c) => c.example);
    if (format === 'csv') return Buffer.from('\ufeff' + [names.join(','), example.join(',')].join('\r\n') + '\r\n', 'utf8');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('contracts');
    ws.addRow(names);
    ws.addRow(example);
    const doc = wb.addWorksheet('columns');
    doc.addRow(['column', 'required', 'format']);
    IMPORT_COLUMNS.forEach((c) => doc.addRow([c.name, c.required ? 'yes' : 'no', c.doc]));
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}
