import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument = require('pdfkit');
import { DataSource } from 'typeorm';
import { canonicalJson, Problems } from '@ttx/api/core';
import type { VerifyResultDto } from '../dto/contract.dto';
import { ContractEntity } from '../entities';
import { regionFullName } from '../regions';

const KIND_ZH: Record<string, string> = {
  development: '技术开发',
  transfer: '技术转让',
  licensing: '技术许可',
  consulting: '技术咨询',
  service: '技术服务',
  training: '技术培训（参照登记）',
  intermediary: '技术中介（参照登记）',
};
const SUB_KIND_ZH: Record<string, string> = {
  commissioned: '委托开发',
  cooperative: '合作开发',
  patent_right: '专利权转让',
  patent_application_right: '专利申请权转让',
  patent_licence: '专利实施许可',
  technical_secret: '技术秘密',
};
const yuan = (fen: string | number) => `¥${(Number(fen) / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/** Noto Sans (Hans) from the `@embedpdf/fonts-sc` package: pdfkit embeds the glyphs it uses. */
let fontPath: string | undefined;
// createRequire from the working directory: the webpack bundle of the api must not rewrite this lookup.
const cjkFont = () => (fontPath ??= join(dirname(createRequire(join(process.cwd(), 'index.js')).resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf'));

/** What the certificate states; its SHA-256 is printed on it and returned by the public verify endpoint. */
export function certificateContent(c: ContractEntity) {
  return {
    registrationNumber: c.registrationNumber,
    kind: c.kind,
    subKind: c.subKind,
    projectName: c.projectName,
    seller: { name: c.sellerName, creditCode: c.sellerCreditCode },
    buyer: { name: c.buyerName, creditCode: c.buyerCreditCode },
    contractFen: String(c.contractFen),
    techFen: String(c.techFen),
    signedOn: c.signedOn,
    registeredOn: c.registeredOn,
    version: c.version,
  };
}
export const contentHash = (c: ContractEntity) => createHash('sha256').update(canonicalJson(certificateContent(c))).digest('hex');

@Injectable()
export class CertificateService {
  constructor(private readonly dataSource: DataSource) {}

  async verify(code: string): Promise<VerifyResultDto> {
    const c = /^[0-9A-F]{20}$/i.test(code) ? await this.dataSource.manager.findOne(ContractEntity, { where: { verificationCode: code.toUpperCase() } }) : null;
    if (!c || !c.registrationNumber || !c.registeredOn) throw Problems.notFound('Certificate');
    return {
      valid: c.status === 'registered',
      registrationNumber: c.registrationNumber,
      kind: c.kind,
      projectName: c.projectName,
      sellerName: c.sellerName,
      buyerName: c.buyerName,
      contractAmount: Number(c.contractFen),
      techTransactionAmount: Number(c.techFen),
      registeredOn: c.registeredOn,
      status: c.status,
      contentHash: contentHash(c),
    };
  }

  /** A one-page A4 certificate in Chinese. */
  pdf(c: ContractEntity, verifyUrl: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `技术合同登记证明 ${c.registrationNumber}`, Author: 'TTX' } });
      const chunks: Buffer[] = [];
      doc.on('data', (b: Buffer) => chunks.push(b));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      doc.registerFont('cjk', cjkFont());
      doc.font('cjk');
      doc.fontSize(22).text('技术合同登记证明', { align: 'center' });
      doc.moveDown(0.3).fontSize(11).fillColor('#555').text('Technology Contract Registration Certificate', { align: 'center' }).fillColor('#000');
      doc.moveDown(1.5);
      const rows: [string, string][] = [
        ['登记编号', c.registrationNumber ?? ''],
        ['项目名称', c.projectName],
        ['合同类型', [KIND_ZH[c.kind] ?? c.kind, c.subKind ? SUB_KIND_ZH[c.subKind] : ''].filter(Boolean).join(' · ')],
        ['卖方（技术方）', `${c.sellerName}（${c.sellerCreditCode}）`],
        ['卖方所在地', regionFullName(c.sellerRegion)],
        ['买方', `${c.buyerName}（${c.buyerCreditCode}）`],
        ['签订日期', c.signedOn],
        ['合同金额', yuan(c.contractFen)],
        ['非技术性款项', yuan(Number(c.equipmentFen) + Number(c.materialsFen) + Number(c.constructionFen) + Number(c.otherFen))],
        ['技术交易额', yuan(c.techFen)],
        ['登记日期', c.registeredOn ?? ''],
        ['合同版本', String(c.version)],
      ];
      doc.fontSize(12);
      for (const [k, v] of rows) {
        const y = doc.y;
        doc.text(`${k}：`, 56, y, { width: 120 });
        doc.text(v, 180, y, { width: 360 });
        doc.moveDown(0.6);
      }
      doc.moveDown(1.5).fontSize(10);
      doc.text(`验证码：${c.verificationCode}`);
      doc.text(`内容摘要（SHA-256）：${contentHash(c)}`);
      doc.text(`在线验证：${verifyUrl}`);
      doc.moveDown(2).fontSize(9).fillColor('#555').text('本证明由技术合同登记机构依据《技术合同认定登记管理办法》出具，可凭验证码在线核验。');
      doc.end();
    });
  }
}
