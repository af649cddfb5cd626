import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleWithProviders } from '@angular/core';
import { Translation, TranslocoTestingModule } from '@jsverse/transloco';

export function readTranslation(lang: 'zh-CN' | 'en-US'): Translation {
  return JSON.parse(readFileSync(join(__dirname, '..', '..', 'public', 'i18n', `${lang}.json`), 'utf8'));
}

/** Transloco with the real translation files, preloaded. */
export function translocoTesting(defaultLang: 'zh-CN' | 'en-US' = 'en-US'): ModuleWithProviders<TranslocoTestingModule> {
  return TranslocoTestingModule.forRoot({
    langs: { 'zh-CN': readTranslation('zh-CN'), 'en-US': readTranslation('en-US') },
    translocoConfig: { availableLangs: ['zh-CN', 'en-US'], defaultLang, reRenderOnLangChange: true },
    preloadLangs: true,
  });
}
