import { DOCUMENT } from '@angular/common';
import { EnvironmentProviders, inject, isDevMode, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { TranslocoService, provideTransloco } from '@jsverse/transloco';
import { provideNzI18n } from 'ng-zorro-antd/i18n';
import { firstValueFrom } from 'rxjs';
import { DEFAULT_LANG, LANGS, LanguageService, nzLocaleFor, storedLang } from './language';
import { TranslocoHttpLoader } from './transloco-loader';

/**
 * Transloco (zh-CN default, en-US), NG-ZORRO locale matching the saved language, and a start-up
 * step that loads the active translation before the first render (no flash of keys).
 */
export function provideTtxI18n(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideTransloco({
      config: {
        availableLangs: [...LANGS],
        defaultLang: DEFAULT_LANG,
        fallbackLang: DEFAULT_LANG,
        missingHandler: { useFallbackTranslation: true, logMissingKey: isDevMode() },
        reRenderOnLangChange: true,
        prodMode: !isDevMode(),
      },
      loader: TranslocoHttpLoader,
    }),
    provideNzI18n(() => nzLocaleFor(storedLang(inject(DOCUMENT).defaultView?.localStorage))),
    provideAppInitializer(() => {
      const lang = inject(LanguageService).init();
      return firstValueFrom(inject(TranslocoService).load(lang)).then(
        () => undefined,
        () => undefined, // a missing translation file must not stop the app from starting
      );
    }),
  ]);
}
