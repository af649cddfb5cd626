import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { applyClientError, applyServerErrors, clearSetErrors, fieldMessage, matchPasswords } from './form-errors';

describe('form errors', () => {
  it('maps validator errors to translation keys', () => {
    expect(fieldMessage(new FormControl('', Validators.required))).toEqual({ key: 'validation.required' });
    expect(fieldMessage(new FormControl('x', Validators.email))).toEqual({ key: 'validation.email' });
    expect(fieldMessage(new FormControl('abc', Validators.minLength(8)))).toEqual({ key: 'validation.minlength', params: { min: 8 } });
    expect(fieldMessage(new FormControl('ok'))).toBeNull();
  });

  it('puts server field errors on matching controls and returns the rest', () => {
    const form = new FormGroup({ email: new FormControl('a@b.c'), password: new FormControl('x') });
    const rest = applyServerErrors(form, [
      { field: 'email', message: 'email must be an email' },
      { field: 'captcha', message: 'wrong' },
    ]);
    expect(fieldMessage(form.controls.email)).toEqual({ key: '', text: 'email must be an email' });
    expect(rest).toEqual(['captcha: wrong']);
  });

  it('puts client check keys on nested controls by path, and clears hand-set errors before the next attempt', () => {
    const form = new FormGroup({ name: new FormControl('', Validators.required), terms: new FormGroup({ items: new FormArray([new FormGroup({ amount: new FormControl('0') })]) }) });
    expect(applyClientError(form, 'terms.items.0.amount', 'licensing.form.errors.amount')).toBe(true);
    expect(applyClientError(form, 'terms', 'licensing.form.errors.noTerms')).toBe(true);
    expect(applyClientError(form, 'nowhere', 'x')).toBe(false);
    const amount = form.get('terms.items.0.amount') as FormControl;
    expect(fieldMessage(amount)).toEqual({ key: 'licensing.form.errors.amount' });
    expect(amount.dirty && amount.touched).toBe(true);
    expect(fieldMessage(form.get('terms'))).toEqual({ key: 'licensing.form.errors.noTerms' });
    clearSetErrors(form);
    expect(amount.errors).toBeNull();
    expect(form.get('terms')?.errors).toBeNull();
    // Validators still apply.
    expect(fieldMessage(form.controls.name)).toEqual({ key: 'validation.required' });
  });

  it('flags mismatching passwords on the confirm field', () => {
    const form = new FormGroup(
      { password: new FormControl('secret123'), confirm: new FormControl('secret124') },
      { validators: matchPasswords('password', 'confirm') },
    );
    expect(form.controls.confirm.errors).toEqual({ passwordMismatch: true });
    form.controls.confirm.setValue('secret123');
    expect(form.controls.confirm.errors).toBeNull();
  });
});
