import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { OrganizationKind } from '@ttx/shared/contracts';
import { checkCreditCode } from '@ttx/shared/policy';
import type { OrganizationInput } from '@ttx/web/api-client';

/** The bounds CreateOrganizationDto enforces (name trimmed first). */
export const ORG_NAME_MIN = 2;
export const ORG_NAME_MAX = 200;

/** Credit codes are upper case (GB 32100); the API upper-cases a typed lower-case one the same way. */
export const normaliseCreditCode = (code: string) => code.trim().toUpperCase();

/** The API's credit-code rule (length, alphabet, check character), as a translated message under the field. */
export const creditCodeValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const code = normaliseCreditCode(String(c.value ?? ''));
  const problem = code ? checkCreditCode(code) : undefined; // empty: `required` speaks
  return problem ? { i18n: `organizations.form.errors.creditCode.${problem}` } : null;
};

/** Six digits (GB/T 2260); whether the code names a real division only the API knows (its message maps to the field). */
export const regionCodeValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const code = String(c.value ?? '').trim();
  return code && !/^\d{6}$/.test(code) ? { i18n: 'organizations.form.errors.regionCode' } : null;
};

/** The name's length as the API counts it, after trimming. */
export const nameValidator: ValidatorFn = (c: AbstractControl): ValidationErrors | null => {
  const length = String(c.value ?? '').trim().length;
  if (length && length < ORG_NAME_MIN) return { minlength: { requiredLength: ORG_NAME_MIN } };
  return length > ORG_NAME_MAX ? { maxlength: { requiredLength: ORG_NAME_MAX } } : null;
};

export interface OrganizationFormValue {
  name: string;
  kind: OrganizationKind | null;
  creditCode: string;
  regionCode: string;
  isSme: boolean;
}

/** The request body: trimmed, the code upper-cased, the SME flag only for an enterprise (the API ignores it otherwise). */
export function toOrganizationInput(v: OrganizationFormValue & { kind: OrganizationKind }): OrganizationInput {
  return {
    name: v.name.trim(),
    kind: v.kind,
    creditCode: normaliseCreditCode(v.creditCode),
    regionCode: v.regionCode.trim(),
    ...(v.kind === 'enterprise' ? { isSme: v.isSme } : {}),
  };
}
