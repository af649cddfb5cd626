import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { AuthStore } from './auth-store';

/** Endpoints that never carry a bearer token and never trigger a refresh. */
export function isAuthEndpoint(url: string): boolean {
  return /\/api\/auth\/(login|register|refresh)(\?|$)/.test(url);
}

function isApiCall(url: string): boolean {
  return url.startsWith('/api/') || /^https?:\/\/[^/]+\/api\//.test(url);
}

function withBearer(req: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? req.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : req;
}

/**
 * Adds `Authorization: Bearer <accessToken>` to API calls. On a 401 from a non-auth endpoint it
 * refreshes the token pair once (shared between concurrent requests) and retries the request;
 * when the refresh fails, or the retry is refused again, the session ends and the user is sent
 * to /login.
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  if (!isApiCall(req.url) || isAuthEndpoint(req.url)) return next(req);

  const store = inject(AuthStore);
  const router = inject(Router);
  const signOut = () => {
    store.logout();
    void router.navigate(['/login'], { queryParams: { returnUrl: router.url } });
  };

  return next(withBearer(req, store.accessToken())).pipe(
    catchError((error: unknown) => {
      if (!(error instanceof HttpErrorResponse) || error.status !== 401 || !store.isAuthenticated()) {
        return throwError(() => error);
      }
      return from(store.refresh()).pipe(
        catchError(() => {
          signOut();
          return throwError(() => error);
        }),
        switchMap((token) =>
          next(withBearer(req, token)).pipe(
            catchError((retryError: unknown) => {
              if (retryError instanceof HttpErrorResponse && retryError.status === 401) signOut();
              return throwError(() => retryError);
            }),
          ),
        ),
      );
    }),
  );
};
