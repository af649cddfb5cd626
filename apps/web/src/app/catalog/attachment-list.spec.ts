import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideApiClient } from '@ttx/web/api-client';
import { LANG_STORAGE_KEY } from '@ttx/web/core';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { translocoTesting } from '../../testing/i18n';
import { APP_ICONS } from '../app-icons';
import { AttachmentList, fileSize } from './attachment-list';

const tick = () => new Promise((r) => setTimeout(r));
const A = { id: 'f1', name: '说明书.pdf', mimeType: 'application/pdf', sizeBytes: 1_250_000, sha256: 'a'.repeat(64), uploadedAt: '2026-01-01T00:00:00Z' };

describe('AttachmentList', () => {
  async function setup(editable: boolean) {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    TestBed.configureTestingModule({
      imports: [translocoTesting('en-US')],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideApiClient(), provideNzIcons(APP_ICONS)],
    });
    const fixture = TestBed.createComponent(AttachmentList);
    fixture.componentRef.setInput('achievementId', 'a1');
    fixture.componentRef.setInput('attachments', [A]);
    fixture.componentRef.setInput('editable', editable);
    const changed = jest.fn();
    fixture.componentInstance.changed.subscribe(changed);
    await tick();
    await fixture.whenStable();
    return { el: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController), changed, settle: () => tick().then(() => fixture.whenStable()) };
  }

  afterEach(() => localStorage.clear());

  it('formats sizes', () => {
    expect(fileSize(1_250_000)).toBe('1.2 MB');
    expect(fileSize(2048)).toBe('2 KB');
    expect(fileSize(12)).toBe('12 B');
  });

  it('lists files read-only for NDA readers', async () => {
    const { el } = await setup(false);
    expect(el.querySelector('[data-testid="attachment-f1"]')?.textContent).toContain('说明书.pdf');
    expect(el.querySelector('[data-testid="attachment-add"]')).toBeNull();
    expect(el.querySelector('[data-testid="attachment-remove"]')).toBeNull();
  });

  it('uploads the picked file as multipart and tells the parent', async () => {
    const { el, http, changed, settle } = await setup(true);
    const input = el.querySelector<HTMLInputElement>('[data-testid="attachment-input"]') as HTMLInputElement;
    const file = new File(['%PDF-1.7'], '附录.pdf', { type: 'application/pdf' });
    Object.defineProperty(input, 'files', { value: [file] });
    input.dispatchEvent(new Event('change'));
    await settle();
    const req = http.expectOne('/api/achievements/a1/attachments');
    expect(req.request.method).toBe('POST');
    expect((req.request.body as FormData).get('file')).toBe(file);
    req.flush({ ...A, id: 'f2', name: '附录.pdf' }, { status: 201, statusText: 'Created' });
    await settle();
    expect(changed).toHaveBeenCalled();
    http.verify();
  });

  it('downloads through the API client (the token travels with it)', async () => {
    const { el, http, settle } = await setup(false);
    const createObjectURL = jest.fn(() => 'blob:x');
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    el.querySelector<HTMLElement>('[data-testid="attachment-download"]')?.click();
    await settle();
    const req = http.expectOne('/api/achievements/a1/attachments/f1');
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['%PDF']));
    await settle();
    expect(createObjectURL).toHaveBeenCalled();
    http.verify();
  });
});
