import { AbstractControl, FormArray, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { ProblemFieldError } from '@ttx/shared/contracts';

/** What to show under a field: a translation key with params, or a server message as is. */
export interface FieldMessage {
  key: string;
  params?: Record<string, unknown>;
  text?: string;
}

export function fieldMessage(control: AbstractControl | null): FieldMessage | null {
  const errors = control?.errors;
  if (!errors) return null;
  if (errors['server']) return { key: '', text: String(errors['server']) };
  if (errors['i18n']) return { key: String(errors['i18n']) };
  if (errors['required']) return { key: 'validation.required' };
  if (errors['email']) return { key: 'validation.email' };
  if (errors['minlength']) return { key: 'validation.minlength', params: { min: errors['minlength'].requiredLength } };
  if (errors['maxlength']) return { key: 'validation.maxlength', params: { max: errors['maxlength'].requiredLength } };
  if (errors['passwordMismatch']) return { key: 'validation.passwordMismatch' };
  return null;
}

/**
 * Puts each server `errors[]` entry on the control of the same name (as `{ server: message }`)
 * and returns the messages that match no control, for a form-level alert.
 */
export function applyServerErrors(form: FormGroup, errors: readonly ProblemFieldError[] | undefined): string[] {
  const unmatched: string[] = [];
  for (const e of errors ?? []) {
    const control = form.get(e.field);
    if (control) {
      // Touched first: NG-ZORRO's form control decides whether to show an error when the status changes.
      control.markAsTouched();
      control.markAsDirty();
      control.setErrors({ ...(control.errors ?? {}), server: e.message });
    } else {
      unmatched.push(e.field ? `${e.field}: ${e.message}` : e.message);
    }
  }
  return unmatched;
}

/** Puts a client-side check's translation key on the control at `path` (as `{ i18n: key }`); false when no control has that path. */
export function applyClientError(form: AbstractControl, path: string, key: string): boolean {
  const control = form.get(path);
  if (!control) return false;
  control.markAsTouched();
  control.markAsDirty();
  control.setErrors({ ...(control.errors ?? {}), i18n: key });
  return true;
}

/** Re-runs the validators of every control, dropping the errors set by hand (client checks, server problems) before a new attempt. */
export function clearSetErrors(control: AbstractControl): void {
  if (control instanceof FormGroup || control instanceof FormArray) Object.values(control.controls).forEach(clearSetErrors);
  control.updateValueAndValidity({ onlySelf: true });
}

/** Form-level validator: `confirm` must equal `password`. Sets the error on the confirm control. */
export function matchPasswords(password: string, confirm: string): ValidatorFn {
  return (group: AbstractControl): ValidationErrors | null => {
    const a = group.get(password);
    const b = group.get(confirm);
    if (!a || !b) return null;
    const mismatch = !!b.value && a.value !== b.value;
    const rest = { ...(b.errors ?? {}) };
    delete rest['passwordMismatch'];
    if (mismatch) b.setErrors({ ...rest, passwordMismatch: true });
    else if (b.errors && 'passwordMismatch' in b.errors) b.setErrors(Object.keys(rest).length ? rest : null);
    return null;
  };
}

/** Marks every control touched and dirty so NG-ZORRO shows their messages. */
export function revealErrors(form: FormGroup): void {
  for (const control of Object.values(form.controls)) {
    control.markAsDirty();
    control.markAsTouched();
    control.updateValueAndValidity({ onlySelf: true });
  }
  form.updateValueAndValidity(); // re-runs cross-field validators (password confirmation)
}
