import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { TranslocoService } from '@jsverse/transloco';
import { provideApiClient } from '@ttx/web/api-client';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { Register } from './register';

const tick = () => new Promise((r) => setTimeout(r));

describe('Register', () => {
  async function setup(lang: 'zh-CN' | 'en-US' = 'en-US') {
    TestBed.configureTestingModule({
      imports: [translocoTesting(lang)],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(Register);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const $ = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    const type = (id: string, value: string) => {
      const input = $(id) as HTMLInputElement;
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const fill = () => {
      type('register-email', 'new@demo.ttx');
      type('register-display-name', '张三');
      type('register-password', 'secret-123');
      type('register-confirm-password', 'secret-123');
    };
    return { fixture, $, type, fill, http: TestBed.inject(HttpTestingController) };
  }

  it('validates in Chinese', async () => {
    const { fixture, $, type } = await setup('zh-CN');
    type('register-email', 'not-an-email');
    type('register-password', 'short');
    type('register-confirm-password', 'different');
    $('register-submit')?.click();
    await fixture.whenStable();
    expect($('register-email-error')?.textContent).toContain('请输入有效的电子邮箱。');
    expect($('register-display-name-error')?.textContent).toContain('此项为必填项。');
    expect($('register-password-error')?.textContent).toContain('至少需要 8 个字符。');
    expect($('register-confirm-password-error')?.textContent).toContain('两次输入的密码不一致。');
  });

  it('follows a language switch', async () => {
    const { fixture, $ } = await setup('zh-CN');
    $('register-submit')?.click();
    await fixture.whenStable();
    expect($('register-email-error')?.textContent).toContain('此项为必填项。');
    TestBed.inject(TranslocoService).setActiveLang('en-US');
    await fixture.whenStable();
    expect($('register-email-error')?.textContent).toContain('This field is required.');
    expect($('register-submit')?.textContent).toContain('Register');
  });

  it('registers and goes to /login with the e-mail', async () => {
    const { $, fill, http } = await setup();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fill();
    $('register-submit')?.click();
    const req = http.expectOne('/api/auth/register');
    expect(req.request.body).toEqual({ email: 'new@demo.ttx', displayName: '张三', password: 'secret-123' });
    req.flush({ id: 'u', email: 'new@demo.ttx', displayName: '张三', createdAt: '2026-01-01T00:00:00Z' }, { status: 201, statusText: 'Created' });
    await tick();
    expect(navigate).toHaveBeenCalledWith(['/login'], { queryParams: { registered: 1, email: 'new@demo.ttx' } });
  });

  it('shows a 409 on the e-mail field', async () => {
    const { fixture, $, fill, http } = await setup();
    fill();
    $('register-submit')?.click();
    http
      .expectOne('/api/auth/register')
      .flush({ type: 'x', title: 'Conflict', status: 409, detail: 'E-mail already registered' }, { status: 409, statusText: 'Conflict' });
    await tick();
    await fixture.whenStable();
    expect($('register-error')?.textContent).toContain('This e-mail is already registered.');
    expect($('register-email-error')?.textContent).toContain('E-mail already registered');
  });

  it('shows server field errors under their fields', async () => {
    const { fixture, $, fill, http } = await setup();
    fill();
    $('register-submit')?.click();
    http.expectOne('/api/auth/register').flush(
      {
        type: 'x',
        title: 'Unprocessable Entity',
        status: 422,
        errors: [
          { field: 'password', message: 'password is too weak' },
          { field: 'displayName', message: 'displayName is reserved' },
        ],
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await tick();
    await fixture.whenStable();
    expect($('register-password-error')?.textContent).toContain('password is too weak');
    expect($('register-display-name-error')?.textContent).toContain('displayName is reserved');
    expect($('register-error')?.textContent).toContain('Registration failed');
  });
});
