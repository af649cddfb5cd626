import { DOCUMENT } from '@angular/common';
import { Injectable, inject, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { NzI18nInterface, NzI18nService, en_US, zh_CN } from 'ng-zorro-antd/i18n';

export const LANGS = ['zh-CN', 'en-US'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'zh-CN';
export const LANG_STORAGE_KEY = 'ttx.lang';

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

/** The language saved by the user, or zh-CN. */
export function storedLang(storage: Pick<Storage, 'getItem'> | undefined): Lang {
  try {
    const value = storage?.getItem(LANG_STORAGE_KEY);
    return isLang(value) ? value : DEFAULT_LANG;
  } catch {
    return DEFAULT_LANG;
  }
}

export function nzLocaleFor(lang: Lang): NzI18nInterface {
  return lang === 'en-US' ? en_US : zh_CN;
}

/**
 * The active UI language: switches transloco, the NG-ZORRO locale and `<html lang>` together and
 * remembers the choice in localStorage ('ttx.lang').
 */
@Injectable({ providedIn: 'root' })
export class LanguageService {
  private readonly document = inject(DOCUMENT);
  private readonly transloco = inject(TranslocoService);
  private readonly nzI18n = inject(NzI18nService);
  private readonly storage = this.document.defaultView?.localStorage;

  readonly langs = LANGS;
  readonly lang = signal<Lang>(storedLang(this.storage));

  /** Applies the stored (or default) language; called once at start-up. */
  init(): Lang {
    this.apply(this.lang());
    return this.lang();
  }

  use(lang: Lang): void {
    this.lang.set(lang);
    try {
      this.storage?.setItem(LANG_STORAGE_KEY, lang);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    this.apply(lang);
  }

  toggle(): void {
    this.use(this.lang() === 'zh-CN' ? 'en-US' : 'zh-CN');
  }

  private apply(lang: Lang): void {
    this.transloco.setActiveLang(lang);
    this.nzI18n.setLocale(nzLocaleFor(lang));
    this.document.documentElement.lang = lang;
  }
}
