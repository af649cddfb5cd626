import { HttpContextToken } from '@angular/common/http';

/** Set on a request whose errors the caller shows itself (e.g. inline on a form). */
export const SKIP_ERROR_TOAST = new HttpContextToken<boolean>(() => false);
