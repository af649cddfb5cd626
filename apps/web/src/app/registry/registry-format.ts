import { techTransactionAmount } from '@ttx/shared/policy';

/** Money is integer fen in the API; forms show yuan. */
export const yuanToFen = (yuan: number | null | undefined): number => Math.round((yuan ?? 0) * 100);
export const formatYuan = (fen: number | null | undefined, lang = 'zh-CN'): string =>
  fen === null || fen === undefined ? '—' : `¥${(fen / 100).toLocaleString(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export interface AmountInputs {
  contract: number | null;
  equipment: number | null;
  materials: number | null;
  construction: number | null;
  other: number | null;
}

/** The live figure of the contract form: the same rule the API applies (shared/policy). */
export function liveTechAmount(a: AmountInputs): { fen: number; overParts: boolean } {
  const contract = yuanToFen(a.contract);
  const parts = { equipmentFen: yuanToFen(a.equipment), materialsFen: yuanToFen(a.materials), constructionFen: yuanToFen(a.construction), otherFen: yuanToFen(a.other) };
  const sum = parts.equipmentFen + parts.materialsFen + parts.constructionFen + parts.otherFen;
  return { fen: techTransactionAmount(contract, parts), overParts: sum > contract };
}

export const DEADLINE_COLOURS: Record<string, string> = { ok: 'green', due_soon: 'orange', overdue: 'red' };
export const STATUS_COLOURS: Record<string, string> = {
  draft: 'default',
  submitted: 'blue',
  accepted: 'geekblue',
  registered: 'green',
  rejected: 'red',
  terminated: 'default',
};

/** Saves a downloaded file through a temporary object URL. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
