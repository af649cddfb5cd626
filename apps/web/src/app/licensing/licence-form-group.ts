import { FormControl, FormGroup, NonNullableFormBuilder, Validators } from '@angular/forms';
import type { LicenceKind, RoyaltyPeriod } from '@ttx/shared/contracts';
import type { DeferralLength } from './licence-form-input';

export type MilestoneGroup = FormGroup<{ name: FormControl<string>; amount: FormControl<string> }>;

/** The optional parts of the form: each is a control group switched on or off (disabled ones are not sent). */
export const OPTIONAL_TERMS = ['lumpSum', 'royalty', 'equity', 'deferral'] as const;
export type OptionalTerm = (typeof OPTIONAL_TERMS)[number];

const today = () => new Date().toISOString().slice(0, 10);

export const milestoneGroup = (fb: NonNullableFormBuilder): MilestoneGroup => fb.group({ name: fb.control(''), amount: fb.control('') });

/** The reactive form of /licensing/new; its paths are the API's field paths (see licence-form-input). */
export function buildLicenceForm(fb: NonNullableFormBuilder) {
  const form = fb.group({
    achievementId: fb.control('', Validators.required),
    creditCode: fb.control('', Validators.required),
    licenseeOrgId: fb.control(''),
    kind: fb.control<LicenceKind>('non_exclusive'),
    territory: fb.control<string[]>(['000000']),
    fieldsOfUse: fb.control<string[]>([]),
    startsOn: fb.control(today()),
    endsOn: fb.control(''),
    sublicensing: fb.control(false),
    terms: fb.group({
      lumpSum: fb.group({ amount: fb.control(''), dueDays: fb.control<number | null>(30) }),
      milestones: fb.array<MilestoneGroup>([]),
      royalty: fb.group({ rateBp: fb.control<number | null>(null), period: fb.control<RoyaltyPeriod>('quarterly'), minimumAnnual: fb.control('0') }),
      equity: fb.group({ shares: fb.control<number | null>(null), percentBp: fb.control<number | null>(null), note: fb.control('') }),
      deferral: fb.group({ length: fb.control<DeferralLength>('policy'), months: fb.control<number | null>(null), untilFirstSales: fb.control(false) }),
    }),
    broker: fb.group({ brokerId: fb.control(''), rateBp: fb.control<number | null>(null) }),
  });
  // A lump sum is the commonest term; the others are chosen as the deal has them.
  for (const part of ['royalty', 'equity', 'deferral'] as const) form.controls.terms.controls[part].disable();
  form.controls.broker.disable();
  return form;
}

export type LicenceFormGroup = ReturnType<typeof buildLicenceForm>;
export type TermsGroup = LicenceFormGroup['controls']['terms'];
