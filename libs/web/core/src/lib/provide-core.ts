import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { EnvironmentProviders, makeEnvironmentProviders } from '@angular/core';
import { provideApiClient } from '@ttx/web/api-client';
import { authInterceptor } from './auth/auth-interceptor';
import { errorInterceptor } from './http/error-interceptor';
import { provideTtxI18n } from './i18n/provide-i18n';

/**
 * HttpClient with the error toast (outermost, so it sees the final outcome after a refresh)
 * and the bearer/refresh interceptor, the generated API client on the same origin, and i18n.
 */
export function provideTtxCore(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch(), withInterceptors([errorInterceptor, authInterceptor])),
    provideApiClient(''),
    provideTtxI18n(),
  ]);
}
