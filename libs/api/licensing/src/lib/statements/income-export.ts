import * as ExcelJS from 'exceljs';
import type { IncomeStatementDto } from '../dto/money.dto';

const HEADER = ['支付时间 Paid at', '许可编号 Licence', '成果 Achievement', '收款方类型 Recipient type', '收款方 Recipient', '份额(基点) Share (bp)', '金额(元) Amount (CNY)'];
const row = (i: IncomeStatementDto['items'][number]) => [i.paidAt, i.licenceNumber, i.title.zh ?? i.title.en ?? '', i.recipientType, i.recipientName, i.share.toFixed(2), (i.amount / 100).toFixed(2)];
const csvCell = (v: string) => (/[",\n\r]/.test(v) || /^[=+\-@]/.test(v) ? `"${(/^[=+\-@]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"` : v);

/** An income statement as CSV (UTF-8 with BOM, so spreadsheet apps read the Chinese) or XLSX. */
export async function exportIncome(s: IncomeStatementDto, format: 'csv' | 'xlsx'): Promise<{ body: Buffer; contentType: string; fileName: string }> {
  if (format === 'csv') {
    const lines = [HEADER, ...s.items.map(row), ['', '', '', '', '合计 Total', '', (s.total / 100).toFixed(2)]].map((r) => r.map(csvCell).join(','));
    return { body: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), contentType: 'text/csv; charset=utf-8', fileName: 'income.csv' };
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Income');
  ws.addRow(HEADER).font = { bold: true };
  for (const i of s.items) ws.addRow([i.paidAt, i.licenceNumber, i.title.zh ?? i.title.en ?? '', i.recipientType, i.recipientName, i.share, i.amount / 100]);
  ws.addRow(['', '', '', '', '合计 Total', '', s.total / 100]).font = { bold: true };
  ws.columns.forEach((c) => (c.width = 22));
  return { body: Buffer.from(await wb.xlsx.writeBuffer()), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', fileName: 'income.xlsx' };
}
