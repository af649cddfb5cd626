import type { ContractKind } from '@ttx/shared/contracts';
import { BY_REFERENCE_KINDS } from '@ttx/shared/contracts';
import { deadlineState } from '@ttx/shared/policy';
import type { AttachmentDto, ContractDto, ContractEventDto, ContractSummaryDto, RiskWarningDto } from '../dto/contract.dto';
import type { ContractEntity } from '../entities';
import { regionName } from '../regions';

const iso = (d: Date | null) => d?.toISOString() ?? null;
const num = (v: string | null) => (v === null ? null : Number(v));
export const today = () => new Date().toISOString().slice(0, 10);

export function toSummary(c: ContractEntity, warningCount = 0): ContractSummaryDto {
  return {
    id: c.id,
    kind: c.kind,
    subKind: c.subKind,
    status: c.status,
    projectName: c.projectName,
    signedOn: c.signedOn,
    sellerName: c.sellerName,
    buyerName: c.buyerName,
    sellerRegion: c.sellerRegion,
    contractAmount: Number(c.contractFen),
    techTransactionAmount: Number(c.techFen),
    registrationNumber: c.registrationNumber,
    submittedAt: iso(c.submittedAt),
    reviewDueOn: c.reviewDueOn,
    deadline: c.status === 'accepted' && c.reviewDueOn ? deadlineState(c.reviewDueOn, today()) : null,
    warningCount,
  };
}

export function toDto(c: ContractEntity, extra: { warnings: RiskWarningDto[]; history: ContractEventDto[]; attachments: AttachmentDto[]; actions: string[]; showCode: boolean }): ContractDto {
  return {
    ...toSummary(c, extra.warnings.length),
    fieldCode: c.fieldCode,
    validFrom: c.validFrom,
    validTo: c.validTo,
    reviewDeadlineDays: c.reviewDeadlineDays,
    reviewPolicyId: c.reviewPolicyId,
    dealId: c.dealId,
    seller: { name: c.sellerName, creditCode: c.sellerCreditCode, countryCode: c.sellerCountry, regionCode: c.sellerRegion, regionName: regionName(c.sellerRegion), type: c.sellerType },
    buyer: { name: c.buyerName, creditCode: c.buyerCreditCode, countryCode: c.buyerCountry, regionCode: c.buyerRegion, regionName: regionName(c.buyerRegion), type: c.buyerType },
    nonTechnical: { equipment: Number(c.equipmentFen), materials: Number(c.materialsFen), construction: Number(c.constructionFen), other: Number(c.otherFen) },
    paymentSchedule: c.paymentSchedule.map((p) => ({ dueOn: p.dueOn, amountFen: p.amountFen, note: p.note ?? undefined })),
    expectedInvestment: num(c.expectedInvestmentFen),
    expectedOutput: num(c.expectedOutputFen),
    byReference: BY_REFERENCE_KINDS.includes(c.kind as ContractKind),
    version: c.version,
    source: c.source,
    acceptedAt: iso(c.acceptedAt),
    registeredAt: iso(c.registeredAt),
    registeredOn: c.registeredOn,
    verificationCode: extra.showCode ? c.verificationCode : null,
    rejectionReasons: (c.rejectionReasons as ContractDto['rejectionReasons']) ?? null,
    rejectionNote: c.rejectionNote,
    warnings: extra.warnings,
    history: extra.history,
    attachments: extra.attachments,
    actions: extra.actions,
  };
}
