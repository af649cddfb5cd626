import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { TranslocoService, TranslocoTestingModule } from '@jsverse/transloco';
import { NzI18nService, en_US, provideNzI18n, zh_CN } from 'ng-zorro-antd/i18n';
import { DEFAULT_LANG, LANG_STORAGE_KEY, LanguageService, storedLang } from './language';

describe('LanguageService', () => {
  function setup() {
    TestBed.configureTestingModule({
      imports: [
        TranslocoTestingModule.forRoot({
          langs: { 'zh-CN': { hello: '你好' }, 'en-US': { hello: 'Hello' } },
          translocoConfig: { availableLangs: ['zh-CN', 'en-US'], defaultLang: 'zh-CN' },
          preloadLangs: true,
        }),
      ],
      providers: [provideNzI18n(zh_CN)],
    });
    return {
      service: TestBed.inject(LanguageService),
      transloco: TestBed.inject(TranslocoService),
      nz: TestBed.inject(NzI18nService),
      doc: TestBed.inject(DOCUMENT),
    };
  }

  beforeEach(() => localStorage.clear());

  it('defaults to zh-CN', () => {
    const { service, transloco, nz, doc } = setup();
    expect(service.init()).toBe('zh-CN');
    expect(DEFAULT_LANG).toBe('zh-CN');
    expect(transloco.getActiveLang()).toBe('zh-CN');
    expect(nz.getLocaleId()).toBe(zh_CN.locale);
    expect(doc.documentElement.lang).toBe('zh-CN');
  });

  it('switches transloco, the NG-ZORRO locale and <html lang>, and persists the choice', () => {
    const { service, transloco, nz, doc } = setup();
    service.init();
    service.use('en-US');
    expect(service.lang()).toBe('en-US');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('en-US');
    expect(transloco.getActiveLang()).toBe('en-US');
    expect(transloco.translate('hello')).toBe('Hello');
    expect(nz.getLocaleId()).toBe(en_US.locale);
    expect(doc.documentElement.lang).toBe('en-US');
  });

  it('restores the saved language on start', () => {
    localStorage.setItem(LANG_STORAGE_KEY, 'en-US');
    const { service, transloco } = setup();
    expect(service.init()).toBe('en-US');
    expect(transloco.getActiveLang()).toBe('en-US');
  });

  it('toggles between the two languages', () => {
    const { service } = setup();
    service.init();
    service.toggle();
    expect(service.lang()).toBe('en-US');
    service.toggle();
    expect(service.lang()).toBe('zh-CN');
    expect(localStorage.getItem(LANG_STORAGE_KEY)).toBe('zh-CN');
  });

  it('ignores an unknown saved value', () => {
    expect(storedLang({ getItem: () => 'fr-FR' })).toBe('zh-CN');
    expect(storedLang({ getItem: () => null })).toBe('zh-CN');
    expect(storedLang(undefined)).toBe('zh-CN');
  });
});
