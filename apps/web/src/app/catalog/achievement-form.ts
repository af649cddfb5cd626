import { checkInventorShares, type InventorSharesProblem, sumOfShares } from '@ttx/shared/policy';
import type { AchievementInput, AchievementView } from '@ttx/web/api-client';

export interface InventorRow {
  name: string;
  share: number | null;
}

export interface IpRow {
  number: string;
  office: string;
  status: 'filed' | 'published' | 'granted' | 'expired' | 'abandoned';
  /** Not edited in this form, but kept so that saving an edit does not erase them. */
  filingDate?: string | null;
  grantDate?: string | null;
  expiryDate?: string | null;
}

export interface AchievementForm {
  titleZh: string;
  titleEn: string;
  abstractZh: string;
  abstractEn: string;
  detailZh: string;
  detailEn: string;
  kind: NonNullable<AchievementInput['kind']>;
  fieldCode: string | null;
  stage: NonNullable<AchievementInput['stage']> | null;
  trl: number | null;
  dealTypes: NonNullable<AchievementInput['dealTypes']>;
  inventors: InventorRow[];
  ipRecords: IpRow[];
}

export function emptyForm(): AchievementForm {
  return {
    titleZh: '',
    titleEn: '',
    abstractZh: '',
    abstractEn: '',
    detailZh: '',
    detailEn: '',
    kind: 'invention_patent',
    fieldCode: null,
    stage: null,
    trl: null,
    dealTypes: [],
    inventors: [{ name: '', share: 100 }],
    ipRecords: [],
  };
}

export interface ShareState {
  /** Live sum in percent (exact to two decimals). */
  sum: number;
  /** null when the team is valid (the shared policy: non-empty, each in (0, 100], sum exactly 100). */
  problem: InventorSharesProblem | 'name' | null;
}

/** The inventor team's live sum and the first rule it breaks. */
export function shareState(rows: readonly InventorRow[]): ShareState {
  const shares = rows.map((r) => r.share ?? 0);
  const sum = sumOfShares(shares);
  if (rows.some((r) => !r.name.trim())) return { sum, problem: 'name' };
  return { sum, problem: checkInventorShares(shares) };
}

/** Both languages; the API turns an empty one into null. */
const text = (zh: string, en: string) => ({ zh: zh.trim(), en: en.trim() });

/** Whether the form may be sent: a title and an abstract in at least one language, a valid team. */
export function formProblems(form: AchievementForm): string[] {
  const out: string[] = [];
  if (!form.titleZh.trim() && !form.titleEn.trim()) out.push('title');
  if (!form.abstractZh.trim() && !form.abstractEn.trim()) out.push('abstract');
  if (shareState(form.inventors).problem) out.push('inventors');
  return out;
}

/** Submitting also needs a technology field and at least one deal type (the API's submit rules). */
export function submitProblems(form: AchievementForm): string[] {
  const out = formProblems(form);
  if (!form.fieldCode) out.push('field');
  if (form.dealTypes.length === 0) out.push('dealTypes');
  return out;
}

/** The POST /api/achievements body for the form. */
export function toAchievementInput(form: AchievementForm): AchievementInput {
  const body: AchievementInput = {
    title: text(form.titleZh, form.titleEn),
    abstract: text(form.abstractZh, form.abstractEn),
    kind: form.kind,
    fieldCode: form.fieldCode,
    stage: form.stage,
    trl: form.trl,
    dealTypes: form.dealTypes,
    inventors: form.inventors.map((r) => ({ name: r.name.trim(), sharePct: r.share ?? 0 })),
    ipRecords: form.ipRecords
      .filter((r) => r.number.trim())
      .map((r) => ({
        number: r.number.trim(),
        office: r.office.trim() || 'CNIPA',
        status: r.status,
        ...(r.filingDate ? { filingDate: r.filingDate } : {}),
        ...(r.grantDate ? { grantDate: r.grantDate } : {}),
        ...(r.expiryDate ? { expiryDate: r.expiryDate } : {}),
      })),
  };
  if (form.detailZh.trim() || form.detailEn.trim()) body.technicalDetail = text(form.detailZh, form.detailEn);
  return body;
}

/** The form for editing an achievement the caller owns (the owner view carries the confidential part). */
export function formFromAchievement(a: AchievementView): AchievementForm {
  const detail = a.confidential?.technicalDetail;
  return {
    titleZh: a.title.zh ?? '',
    titleEn: a.title.en ?? '',
    abstractZh: a.abstract.zh ?? '',
    abstractEn: a.abstract.en ?? '',
    detailZh: detail?.zh ?? '',
    detailEn: detail?.en ?? '',
    kind: a.kind,
    fieldCode: a.fieldCode,
    stage: a.stage,
    trl: a.trl,
    dealTypes: [...a.dealTypes],
    inventors: (a.confidential?.inventors ?? []).map((i) => ({ name: i.name, share: i.sharePct })),
    ipRecords: a.ipRecords.map((r) => ({ number: r.number, office: r.office, status: r.status, filingDate: r.filingDate, grantDate: r.grantDate, expiryDate: r.expiryDate })),
  };
}
