import { ApplicationConfig, provideBrowserGlobalErrorListeners, provideZonelessChangeDetection } from '@angular/core';
import { provideRouter, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { provideTtxCore } from '@ttx/web/core';
import { provideNzConfig } from 'ng-zorro-antd/core/config';
import { provideNzIcons } from 'ng-zorro-antd/icon';
import { APP_ICONS } from './app-icons';
import { appRoutes } from './app.routes';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(appRoutes, withComponentInputBinding(), withInMemoryScrolling({ scrollPositionRestoration: 'top' })),
    provideTtxCore(),
    provideNzIcons(APP_ICONS),
    provideNzConfig({
      message: { nzDuration: 4000, nzMaxStack: 3 },
      notification: { nzPlacement: 'topRight', nzDuration: 6000 },
    }),
  ],
};
