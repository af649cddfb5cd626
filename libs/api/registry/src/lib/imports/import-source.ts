import { parse } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { ImportRecord } from './import-columns';

/** Rows of a CSV or XLSX file as records keyed by header, streamed (never the whole file in memory). */
export async function* readRecords(path: string, format: 'csv' | 'xlsx', onHeaders: (h: string[]) => void): AsyncGenerator<ImportRecord> {
  if (format === 'csv') {
    const parser = createReadStream(path).pipe(
      parse({ bom: true, columns: (h: string[]) => (onHeaders(h.map((x) => x.trim())), h.map((x) => x.trim())), skip_empty_lines: true, relax_column_count: true, trim: false }),
    );
    for await (const rec of parser) yield rec as ImportRecord;
    return;
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', worksheets: 'emit' });
  for await (const ws of reader) {
    let headers: string[] | undefined;
    for await (const row of ws as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1).map(cellText);
      if (!headers) {
        headers = values.map((v) => v.trim());
        onHeaders(headers);
        continue;
      }
      if (values.every((v) => v === '')) continue;
      const rec: Record<string, string> = {};
      headers.forEach((h, i) => (rec[h] = values[i] ?? ''));
      yield rec as ImportRecord;
    }
    return; // the first worksheet only
  }
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { text?: string; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join('');
    if (o.text !== undefined) return String(o.text);
    if (o.result !== undefined) return cellText(o.result);
  }
  return String(v);
}

/** The header row of a CSV file (trimmed names, BOM dropped), read without the rest of the file. */
export async function readCsvHeader(path: string): Promise<string[]> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const text = buf.subarray(0, bytesRead).toString('utf8');
    const end = text.indexOf('\n');
    const line = (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
    const [cells] = parseSync(line, { bom: true, relax_column_count: true }) as string[][];
    return (cells ?? []).map((h) => h.trim());
  } finally {
    await fh.close();
  }
}
